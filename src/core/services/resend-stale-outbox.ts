import type { ChatNotifier } from '../ports/chat-notifier.js';
import type { Clock } from '../ports/clock.js';
import type { Outbox } from '../ports/outbox.js';
import { deliverOutboxItem } from './deliver-outbox-item.js';

export interface ResendReport {
  resent: number;
  failed: number;
  /** Stale items another sweeper claimed first. */
  lost: number;
}

/**
 * Finishes reminders whose sender died between claiming and sending (a claimed item still queued
 * after the lease). Each re-send is itself claimed with a unique insert (`id#attempt`), so two
 * sweepers never both re-send; after `maxAttempts` the item is marked failed, not retried forever.
 */
export async function resendStaleOutbox(
  deps: { notifier: ChatNotifier; clock: Clock },
  outbox: Outbox,
  options: { leaseMs: number; maxAttempts: number; limit?: number },
): Promise<ResendReport> {
  const now = deps.clock.now();
  const stale = await outbox.listStale(new Date(now.getTime() - options.leaseMs), options.limit ?? 500);
  const report: ResendReport = { resent: 0, failed: 0, lost: 0 };
  for (const item of stale) {
    const attempt = item.attempts + 1;
    if (!(await outbox.claimAttempt(item.id, attempt, now))) {
      report.lost++;
      continue;
    }
    if (attempt > options.maxAttempts) {
      await outbox.markFailed(item.id, now, `not sent after ${item.attempts} attempts`);
      report.failed++;
      continue;
    }
    const result = await deliverOutboxItem(deps, outbox, item, item.delivered);
    if (result.sent) report.resent++;
  }
  return report;
}
