import type { UserRef } from '../domain/user-ref.js';

/** What Clause can learn about a chat user (Slack users.info has `tz`). */
export interface UserDirectory {
  /** The user's IANA time zone, or undefined when unknown (callers fall back to UTC). */
  timeZoneOf(user: UserRef): Promise<string | undefined>;
}

/** For platforms (and tests) that know no time zones: everyone is on UTC. */
export const utcUserDirectory: UserDirectory = { timeZoneOf: async () => undefined };
