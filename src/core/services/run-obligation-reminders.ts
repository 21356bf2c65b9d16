import { addDays, calendarDateIn, daysBetween } from '../domain/calendar-date.js';
import { todayFor } from './today-for.js';
import { OBLIGATION_REMINDER_DAYS, obligationReminderDue } from '../domain/obligation.js';
import { obligationReminderMessage } from '../views/obligation-reminder-card.js';
import { obligationDueEvent } from '../views/webhook-events.js';
import { claimAndDeliver } from './deliver-outbox-item.js';
import type { ObligationDeps } from './obligation-deps.js';
import { sweepOutbox } from './sweep-outbox.js';

export interface ObligationReminderReport {
  sent: number;
  alreadySent: number;
  resent: number;
  /** Claimed but not delivered yet (queued for a retry) or reported failed. */
  unsent: number;
}

/**
 * Reminds owners of open obligations 7 and 1 days before, on the day, and once a day while
 * overdue. Each reminder is claimed (`obligationId:key`) before it is sent, so several workers
 * and repeated runs send it once.
 */
export async function runObligationReminders(deps: ObligationDeps): Promise<ObligationReminderReport> {
  const now = deps.clock.now();
  const today = calendarDateIn(now, 'UTC');
  const report: ObligationReminderReport = { sent: 0, alreadySent: 0, resent: 0, unsent: 0 };
  report.resent = (await sweepOutbox(deps, deps.reminders)).sent;
  const horizon = addDays(today, Math.max(...OBLIGATION_REMINDER_DAYS));
  for await (const batch of deps.obligations.openDueBy(horizon, 500)) {
    const due = batch.flatMap((o) => {
      const r = obligationReminderDue(o, today);
      return r ? [{ o, r, id: `${o.id}:${r.key}` }] : [];
    });
    const existing = await deps.reminders.existing(due.map((d) => d.id));
    for (const { o, r, id } of due) {
      if (existing.has(id)) {
        report.alreadySent++;
        continue;
      }
      const message = obligationReminderMessage(o, { daysLeft: daysBetween(await todayFor(deps, o.owner, now), o.dueDate) });
      const item = {
        id,
        kind: `obligation_${r.kind}`,
        subjectId: o.id,
        deliveries: [{ target: { kind: 'user' as const, user: o.owner }, message }],
        details: { contractRef: o.contractRef, dueDate: o.dueDate },
      };
      const result = await claimAndDeliver(deps, deps.reminders, item);
      // Once per obligation and due date: on the day, or the first overdue reminder after downtime.
      if (result !== 'taken' && r.kind !== 'before') await deps.events?.publish(obligationDueEvent(o, today, now));
      if (result === 'taken') report.alreadySent++;
      else if (result.status === 'sent') report.sent++;
      else report.unsent++;
    }
  }
  return report;
}
