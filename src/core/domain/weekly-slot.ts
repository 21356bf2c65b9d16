import { addDays, calendarDateIn, type CalendarDate } from './calendar-date.js';

/** A weekly moment in a time zone: weekday 0 = Sunday … 6 = Saturday, hour 0-23. */
export interface WeeklySlot {
  weekday: number;
  hour: number;
  timeZone: string;
}

function hourIn(instant: Date, timeZone: string): number {
  const h = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(instant);
  return Number(h);
}

/**
 * The key of the current week (its Monday, in the slot's time zone) once this week's slot has
 * come, else undefined. A job that runs hourly claims the key, so the digest goes out once a
 * week, and still goes out later in the week if the process was down at the hour.
 */
export function weekKeyIfDue(now: Date, slot: WeeklySlot): CalendarDate | undefined {
  const today = calendarDateIn(now, slot.timeZone);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  const monday = addDays(today, -((weekday + 6) % 7));
  const slotDate = addDays(monday, (slot.weekday + 6) % 7);
  if (today > slotDate || (today === slotDate && hourIn(now, slot.timeZone) >= slot.hour)) return monday;
  return undefined;
}
