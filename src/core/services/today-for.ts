import { calendarDateIn, type CalendarDate } from '../domain/calendar-date.js';
import type { UserRef } from '../domain/user-ref.js';
import type { Clock } from '../ports/clock.js';
import type { UserDirectory } from '../ports/user-directory.js';

/**
 * "Today" as `user` sees it: the calendar date in their time zone (Slack profile, Teams client),
 * UTC when the platform cannot tell. Every message that counts days uses this.
 */
export async function todayFor(deps: { users: UserDirectory; clock: Clock }, user: UserRef, at: Date = deps.clock.now()): Promise<CalendarDate> {
  const zone = (await deps.users.timeZoneOf(user).catch(() => undefined)) ?? 'UTC';
  return calendarDateIn(at, zone);
}
