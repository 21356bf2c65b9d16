import type { Agenda } from 'agenda';
import { calendarDateIn } from '../core/domain/calendar-date.js';
import { runRenewalScan } from '../core/services/run-renewal-scan.js';
import type { JobContext } from './job-context.js';
import { JOB_NAMES } from './job-names.js';

/** The hour (UTC) of the daily scan; follow-ups only run after it. */
const RENEWAL_SCAN_HOUR_UTC = 6;

async function scan(job: JobContext, trigger: 'scheduled' | 'follow-up'): Promise<void> {
  const deps = job.services.renewals;
  const started = Date.now();
  const report = await runRenewalScan(deps, { signal: job.signal });
  const { failures, undeliverable, ...counts } = report;
  job.logger.info({ job: JOB_NAMES.renewalScan, trigger, ms: Date.now() - started, ...counts, undeliverable: undeliverable.length }, 'renewal scan finished');
  if (undeliverable.length > 0) job.logger.warn({ job: JOB_NAMES.renewalScan, undeliverable }, 'some renewal nudges cannot be delivered');
  if (failures.length > 0) {
    job.logger.warn(
      { job: JOB_NAMES.renewalScan, failures, retryInMs: job.env.RENEWAL_SCAN_RETRY_MS },
      'renewal scan skipped some contracts after errors; a follow-up scan retries them',
    );
  } else if (!report.stopped) {
    await deps.renewals.markScanDone(report.today, deps.clock.now());
  }
}

/**
 * The daily renewal scan: nudges, roll-overs, expiries. Agenda's lock keeps one process on it
 * most of the time, but FerretDB does not isolate Agenda's lock update, so the scan itself is
 * what guarantees exactly-once (every nudge is claimed by a unique insert). A scan that finishes
 * without failures marks the day done; until then `renewals.scan.followup` (every
 * RENEWAL_SCAN_RETRY_MS) scans again, so a database or platform outage costs minutes, not a day.
 */
export function defineRenewalScanJob(agenda: Agenda, job: JobContext): void {
  agenda.define(JOB_NAMES.renewalScan, () => scan(job, 'scheduled'), { concurrency: 1, lockLifetime: 30 * 60_000 });
  agenda.define(
    JOB_NAMES.renewalScanFollowUp,
    async () => {
      const deps = job.services.renewals;
      const now = deps.clock.now();
      if (now.getUTCHours() < RENEWAL_SCAN_HOUR_UTC) return;
      if (await deps.renewals.scanDone(calendarDateIn(now, 'UTC'))) return;
      await scan(job, 'follow-up');
    },
    { concurrency: 1, lockLifetime: Math.min(30 * 60_000, Math.max(10_000, 3 * job.env.RENEWAL_SCAN_RETRY_MS)) },
  );
}
