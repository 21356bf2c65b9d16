import type { Agenda } from 'agenda';
import { pruneOldRecords } from '../core/services/prune-old-records.js';
import type { JobContext } from './job-context.js';
import { JOB_NAMES } from './job-names.js';

/**
 * Daily: deletes records kept only for a while (the webhook delivery log, API idempotency keys),
 * each after its retention setting. A run that fails for one set is logged and retried the next day.
 */
export function defineHousekeepingJob(agenda: Agenda, job: JobContext): void {
  agenda.define(
    JOB_NAMES.housekeeping,
    async () => {
      const report = await pruneOldRecords(job.prunable, job.clock);
      job.logger.info({ job: JOB_NAMES.housekeeping, deleted: report.deleted }, 'old records pruned');
      if (Object.keys(report.failed).length > 0)
        job.logger.warn({ job: JOB_NAMES.housekeeping, failed: report.failed }, 'some old records could not be pruned');
    },
    { concurrency: 1, lockLifetime: 30 * 60_000 },
  );
}
