import type { Agenda } from 'agenda';
import { recoverContractEvents } from '../core/services/recover-contract-events.js';
import type { JobContext } from './job-context.js';
import { JOB_NAMES } from './job-names.js';

/**
 * How far back the recovery looks (a day: a worker down for longer than that leaves older events
 * lost), and how young a change it leaves to the process that made it (publishing it right now).
 * Every 5 minutes (start-jobs SCHEDULES) and at start-up.
 */
export const WEBHOOK_RECOVERY = { windowMs: 24 * 3_600_000, settleMs: 60_000 } as const;

/**
 * Queues the webhook events of contract changes whose publishing failed or never happened (the
 * database hiccuped, the process died right after the write): re-derived from the audit trail of
 * the last WEBHOOK_RECOVERY.windowMs, each event at most once per subscription (deterministic
 * claims), so several workers may run it.
 */
export function defineWebhookRecoveryJob(agenda: Agenda, job: JobContext): void {
  agenda.define(
    JOB_NAMES.webhookRecovery,
    async () => {
      if (!job.webhookRecovery) return;
      const report = await recoverContractEvents(job.webhookRecovery, { ...WEBHOOK_RECOVERY, signal: job.signal });
      const { failed, ...counts } = report;
      if (counts.missing > 0) job.logger.info({ job: JOB_NAMES.webhookRecovery, ...counts }, 'webhook events recovered');
      if (failed.length > 0)
        job.logger.warn(
          { job: JOB_NAMES.webhookRecovery, failed: failed.slice(0, 20), count: failed.length },
          'some webhook events could not be queued; the next run retries them',
        );
    },
    { concurrency: 1, lockLifetime: 10 * 60_000 },
  );
}
