import type { Outbox } from '../ports/outbox.js';
import { deliverOutboxItem, type DeliveryDeps } from './deliver-outbox-item.js';

export interface SweepReport {
  /** Items whose attempt left them sent. */
  sent: number;
  /** Still queued for a later retry. */
  retrying: number;
  /** Queued, waiting for a platform that is off here. */
  waiting: number;
  /** Reported failed (undeliverable, or the retry deadline passed). */
  failed: number;
  /** Due items another process claimed first. */
  lost: number;
  /** Permanently undeliverable deliveries found, with why. */
  undeliverable: Array<{ outbox: string; id: string; subjectId: string; reason: string }>;
}

export const emptySweepReport = (): SweepReport => ({ sent: 0, retrying: 0, waiting: 0, failed: 0, lost: 0, undeliverable: [] });

/**
 * The delivery sweeper's work on one outbox: every queued item whose next attempt is due (a retry
 * time reached, or the lease of a process that died while sending) gets one more attempt. Each
 * attempt is claimed with a unique insert (`id#attempt`), so two sweepers never both send.
 * Bounded by `limit` per run; `signal` stops it taking new items (shutdown).
 */
export async function sweepOutbox(
  deps: DeliveryDeps,
  outbox: Outbox,
  options: { limit?: number; signal?: AbortSignal; report?: SweepReport } = {},
): Promise<SweepReport> {
  const report = options.report ?? emptySweepReport();
  if (options.signal?.aborted) return report;
  const now = deps.clock.now();
  const due = await outbox.listDue(now, options.limit ?? 100);
  for (const item of due) {
    if (options.signal?.aborted) break;
    const at = deps.clock.now();
    const attempt = item.attempts + 1;
    if (!(await outbox.claimAttempt(item.id, attempt, at, new Date(at.getTime() + deps.delivery.leaseMs)))) {
      report.lost++;
      continue;
    }
    const result = await deliverOutboxItem(deps, outbox, { ...item, attempts: attempt, claimedAt: at });
    for (const u of result.undeliverable)
      if (report.undeliverable.length < 50) report.undeliverable.push({ outbox: outbox.name, id: item.id, subjectId: item.subjectId, reason: u.reason });
    if (result.status === 'sent') report.sent++;
    else if (result.status === 'failed') report.failed++;
    else if (result.waitingFor) report.waiting++;
    else report.retrying++;
  }
  return report;
}

/** Kept for the jobs that finish their own outbox first: one sweep of it. */
