import { z } from 'zod';
import { isTimeZone } from '../core/domain/calendar-date.js';

const _DEFAULT_NUDGE_OFFSETS = [90, 60, 30, 7, 0] as const;

/** `90,60,30,7,0`: days before the notice deadline; stored largest first, no repeats. */
export const ZNudgeOffsets = z
  .string()
  .regex(/^\s*\d{1,4}(\s*,\s*\d{1,4})*\s*$/, 'must be days before the notice deadline, e.g. 90,60,30,7,0')
  .transform((s) => [...new Set(s.split(',').map((p) => Number(p.trim())))].sort((a, b) => b - a));

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface DigestSchedule {
  /** 0 = Sunday … 6 = Saturday, in `timeZone`. */
  weekday: number;
  hour: number;
  timeZone: string;
}

/** `mon 09 Europe/Berlin` (day, hour 0-23, IANA time zone; the zone defaults to UTC). */
export const ZDigestSchedule = z.string().transform((s, ctx): DigestSchedule => {
  const m = /^\s*([a-z]{3})[a-z]*\s+(\d{1,2})(?::00)?(?:\s+(\S+))?\s*$/i.exec(s);
  const weekday = m ? DAYS.indexOf(m[1]!.toLowerCase() as (typeof DAYS)[number]) : -1;
  const hour = m ? Number(m[2]) : -1;
  const timeZone = m?.[3] ?? 'UTC';
  if (!m || weekday < 0 || hour > 23 || !isTimeZone(timeZone)) {
    ctx.addIssue({ code: 'custom', message: 'must be a day, an hour and a time zone, e.g. "mon 09 Europe/Berlin"' });
    return z.NEVER;
  }
  return { weekday, hour, timeZone };
});
