import { z } from 'zod';
import { daysBetween, ZCalendarDate, type CalendarDate } from './calendar-date.js';
import { ZMoney, type Money } from './money.js';
import { ZUserRef, type UserRef } from './user-ref.js';

/** Something a contract commits someone to by a date. */
const OBLIGATION_KINDS = ['payment', 'deliverable', 'review'] as const;
export const ZObligationKind = z.enum(OBLIGATION_KINDS);
export type ObligationKind = z.infer<typeof ZObligationKind>;

export const OBLIGATION_KIND_LABELS: Record<ObligationKind, string> = {
  payment: 'Payment milestone',
  deliverable: 'Deliverable',
  review: 'Review',
};

export const ZObligationInput = z.object({
  contractId: z.string().min(1),
  kind: ZObligationKind,
  title: z.string().trim().min(1).max(200),
  dueDate: ZCalendarDate,
  owner: ZUserRef,
  amount: ZMoney.optional(),
});
export type ObligationInput = z.input<typeof ZObligationInput>;

export interface Obligation {
  id: string;
  contractId: string;
  contractRef: string;
  kind: ObligationKind;
  title: string;
  dueDate: CalendarDate;
  owner: UserRef;
  amount?: Money;
  status: 'open' | 'done';
  createdAt: Date;
  createdBy: UserRef;
  completedAt?: Date;
  completedBy?: UserRef;
}

/** Reminders before the due date, in days. */
export const OBLIGATION_REMINDER_DAYS = [7, 1] as const;

export interface ObligationReminder {
  /** Unique per obligation: `before-7`, `before-1`, `due`, `overdue-2026-03-04` (one a day). */
  key: string;
  kind: 'before' | 'due' | 'overdue';
  /** Days until the due date (negative when overdue). */
  daysLeft: number;
}

/**
 * The reminder an open obligation needs on `today`, if any. Like the renewal ladder, only the
 * most recent step is due, so a missed day never sends two reminders at once; overdue reminders
 * repeat at most once a day.
 */
export function obligationReminderDue(
  o: Pick<Obligation, 'status' | 'dueDate'>,
  today: CalendarDate,
  daysBefore: readonly number[] = OBLIGATION_REMINDER_DAYS,
): ObligationReminder | undefined {
  if (o.status !== 'open') return undefined;
  const daysLeft = daysBetween(today, o.dueDate);
  if (daysLeft < 0) return { key: `overdue-${today}`, kind: 'overdue', daysLeft };
  if (daysLeft === 0) return { key: 'due', kind: 'due', daysLeft };
  const step = [...daysBefore].sort((a, b) => a - b).find((d) => daysLeft <= d);
  return step === undefined ? undefined : { key: `before-${step}`, kind: 'before', daysLeft };
}
