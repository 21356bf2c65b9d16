import { addDays, addMonths, daysBetween, type CalendarDate } from './calendar-date.js';
import { effectiveEndDate, type Contract } from './contract.js';

/**
 * When a contract's renewal needs attention, as pure date arithmetic on calendar days (UTC
 * midnight, so no time zone or DST can move a deadline).
 *
 *   notice deadline = term end − notice period (days)
 *   nudge dates     = notice deadline − offset, for each configured offset (90, 60, 30, 7, 0)
 *
 * The day after the term ends, an auto-renewing contract rolls over by its renewal term and one
 * that does not auto-renew expires.
 */
export type RenewalContract = Pick<Contract, 'startDate' | 'endDate' | 'termMonths' | 'autoRenews' | 'renewalTermMonths' | 'noticePeriodDays'>;

export function noticeDeadline(termEnd: CalendarDate, noticePeriodDays: number | undefined): CalendarDate {
  return addDays(termEnd, -(noticePeriodDays ?? 0));
}

/** The last day of the term that follows one ending on `termEnd` (2026-12-31 + 12 months = 2027-12-31). */
export function nextTermEnd(termEnd: CalendarDate, months: number): CalendarDate {
  // Counted from the next term's first day, so a term ending on 28 February is followed by one
  // ending on 29 February in a leap year.
  return addDays(addMonths(addDays(termEnd, 1), months), -1);
}

export interface NudgeDate {
  offset: number;
  date: CalendarDate;
}

/** Every nudge of a term, earliest first. */
export function nudgeDates(deadline: CalendarDate, offsets: readonly number[]): NudgeDate[] {
  return [...new Set(offsets)].sort((a, b) => b - a).map((offset) => ({ offset, date: addDays(deadline, -offset) }));
}

export type RenewalStep =
  /** Nothing today: no end date, the next nudge is later, or the deadline passed and the term runs on. */
  | { kind: 'none'; termEnd?: CalendarDate; nextNudge?: NudgeDate }
  /** The most recent due nudge; `skipped` are earlier offsets that were never sent (downtime). */
  | { kind: 'nudge'; termEnd: CalendarDate; deadline: CalendarDate; offset: number; skipped: number[]; daysLeft: number }
  /** The term is over and the contract auto-renews: `newEnd` is the first term end not before today. */
  | { kind: 'roll_over'; termEnd: CalendarDate; newEnd: CalendarDate; terms: number }
  | { kind: 'expire'; termEnd: CalendarDate };

/** How many days after a notice deadline its last nudge, if it was missed, is still sent (late). */
const LATE_NUDGE_DAYS = 3;

/** What the daily scan should do about one active contract on `today`. */
export function renewalStep(c: RenewalContract, today: CalendarDate, offsets: readonly number[]): RenewalStep {
  const termEnd = effectiveEndDate(c);
  if (!termEnd) return { kind: 'none' };
  if (today > termEnd) {
    if (!c.autoRenews || !c.renewalTermMonths) return { kind: 'expire', termEnd };
    let newEnd = termEnd;
    let terms = 0;
    // Several terms at once only after a long outage (or an import of an old contract).
    while (newEnd < today) {
      newEnd = nextTermEnd(newEnd, c.renewalTermMonths);
      terms++;
    }
    return { kind: 'roll_over', termEnd, newEnd, terms };
  }
  const deadline = noticeDeadline(termEnd, c.noticePeriodDays);
  const dates = nudgeDates(deadline, offsets);
  if (today > deadline) {
    // The deadline passed. If its last nudge was missed (an outage), it is still due for a few
    // days, once, saying the deadline has passed (the scan skips it when it was sent).
    const last = dates[dates.length - 1];
    if (!last || daysBetween(deadline, today) > LATE_NUDGE_DAYS) return { kind: 'none', termEnd };
    return { kind: 'nudge', termEnd, deadline, offset: last.offset, skipped: dates.slice(0, -1).map((d) => d.offset), daysLeft: daysBetween(today, deadline) };
  }
  const due = dates.filter((d) => d.date <= today);
  const latest = due[due.length - 1];
  if (!latest) return { kind: 'none', termEnd, ...(dates[0] ? { nextNudge: dates[0] } : {}) };
  return {
    kind: 'nudge',
    termEnd,
    deadline,
    offset: latest.offset,
    skipped: due.slice(0, -1).map((d) => d.offset),
    daysLeft: daysBetween(today, deadline),
  };
}

/**
 * Which active contracts the daily scan has to read on `today`: those whose `renewalStep` is not
 * `none`, and only a little more. Reading it off renewalStep:
 * - a term end (roll-over or expiry) is any contract whose effective end date is before today;
 * - a nudge needs the end date on or after today and a notice deadline (end − notice period)
 *   with one of its nudge dates (deadline − offset) due, so deadline ≤ today + the largest offset,
 *   and, once the deadline passed, at most LATE_NUDGE_DAYS behind: deadline ≥ today − 3.
 * So a contract is due only if its term ended before `endedBefore` or its notice deadline lies in
 * [`deadlineFrom`, `deadlineTo`], whatever its notice period (0, missing or the longest): a
 * window of about 94 days of deadlines instead of every end date up to the longest notice period
 * ahead. Both are string ranges on stored, indexed fields (`effectiveEndDate`, `noticeDeadline`).
 */
export interface ScanWindow {
  deadlineFrom: CalendarDate;
  deadlineTo: CalendarDate;
  endedBefore: CalendarDate;
}

export function scanWindow(today: CalendarDate, offsets: readonly number[]): ScanWindow {
  return { deadlineFrom: addDays(today, -LATE_NUDGE_DAYS), deadlineTo: addDays(today, Math.max(0, ...offsets)), endedBefore: today };
}

/** The dates of the next term when a contract is renewed: it starts the day after the current one ends. */
export function renewalTermDates(c: RenewalContract & { termMonths?: number }): { startDate: CalendarDate; endDate: CalendarDate; months: number } | undefined {
  const termEnd = effectiveEndDate(c);
  if (!termEnd) return undefined;
  const months = c.renewalTermMonths ?? c.termMonths ?? 12;
  return { startDate: addDays(termEnd, 1), endDate: nextTermEnd(termEnd, months), months };
}
