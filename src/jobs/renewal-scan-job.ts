import type { Agenda } from 'agenda';
import { runRenewalScan } from '../core/services/run-renewal-scan.js';
import type { JobContext } from './job-context.js';
import { JOB_NAMES } from './job-names.js';

/**
 * The daily renewal scan: nudges, roll-overs, expiries. Agenda's lock keeps one process on it
 * most of the time, but FerretDB does not isolate Agenda's lock update, so the scan itself is
 * what guarantees exactly-once (every nudge is claimed by a unique insert).
 */
export function defineRenewalScanJob(agenda: Agenda, job: JobContext): void {
  agenda.define(
    JOB_NAMES.renewalScan,
    async () => {
      const started = Date.now();
      const report = await runRenewalScan(job.services.renewals);
      const { failures, ...counts } = report;
      job.logger.info({ job: JOB_NAMES.renewalScan, ms: Date.now() - started, ...counts }, 'renewal scan finished');
      if (failures.length > 0) job.logger.warn({ job: JOB_NAMES.renewalScan, failures }, 'renewal scan skipped some contracts after errors');
    },
    { concurrency: 1, lockLifetime: 30 * 60_000 },
  );
}
