import type { Agenda } from 'agenda';
import { sweepDeliveries } from '../core/services/sweep-deliveries.js';
import type { JobContext } from './job-context.js';
import { JOB_NAMES } from './job-names.js';

/**
 * Sends queued messages that are due: retries after transient failures, messages waiting for a
 * platform, and items whose sender died mid-send (lease expired). Bounded per run
 * (DELIVERY_SWEEP_LIMIT per outbox); every attempt is claimed, so several processes may sweep.
 */
export function defineDeliverySweepJob(agenda: Agenda, job: JobContext): void {
  agenda.define(
    JOB_NAMES.deliverySweep,
    async () => {
      const report = await sweepDeliveries(job.outboxes, { limit: job.env.DELIVERY_SWEEP_LIMIT, signal: job.signal });
      const { undeliverable, ...counts } = report;
      if (counts.sent + counts.failed + counts.retrying + counts.waiting > 0) job.logger.info({ job: JOB_NAMES.deliverySweep, ...counts }, 'delivery sweep');
      if (undeliverable.length > 0) job.logger.warn({ job: JOB_NAMES.deliverySweep, undeliverable }, 'some messages cannot be delivered');
    },
    // A lock left by a run whose completion could not be saved (database outage) expires soon,
    // so the sweeper resumes by itself within a few intervals.
    { concurrency: 1, lockLifetime: Math.min(5 * 60_000, Math.max(10_000, 3 * job.env.DELIVERY_SWEEP_INTERVAL_MS)) },
  );
}
