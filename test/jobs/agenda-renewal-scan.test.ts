import { createContract } from '../../src/core/services/create-contract.js';
import { startJobs, type RunningJobs } from '../../src/jobs/start-jobs.js';
import { JOB_NAMES } from '../../src/jobs/job-names.js';
import { useTestDatabase } from '../support/database.js';
import { jobsContext } from '../support/jobs-context.js';

// A generous bound (a loaded 2-core machine runs two Agendas' scans one after the other): a bound, not a sleep.
async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 45_000, what = () => ''): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Agenda runs the renewal scan on the database', () => {
  const db = useTestDatabase('agenda_scan', '2026-12-01T06:00:00Z');
  let jobs: RunningJobs | undefined;

  it('runs renewals.scan when asked and the owner gets the nudge once', async () => {
    const owner = { platform: 'slack' as const, id: 'U_AGENDA', displayName: 'Ada Agenda' };
    const c = await createContract(db.store, {
      terms: { title: 'Agenda MSA', type: 'msa', counterparty: 'Cron Ltd', endDate: '2026-12-31', noticePeriodDays: 30 },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
    });
    const { ctx, recorder } = await jobsContext(db, { SLACK_RENEWALS_CHANNEL: 'C_RENEWALS' });
    // Two processes' Agendas on the same database, both asked to run the scan.
    // A short lock lifetime: Agenda leaves a lockLifetime/2 timer behind each run (see StartJobsOptions).
    const options = { processEvery: 200, runAtStart: false, schedule: false, lockLifetime: 4_000 };
    jobs = await startJobs(ctx, options);
    const second = await startJobs(ctx, options);
    // Both runs finished (whichever process ran each): only then is "sent once" a fact.
    let completed = 0;
    for (const agenda of [jobs.agenda, second.agenda]) agenda.on(`complete:${JOB_NAMES.renewalScan}`, () => completed++);
    try {
      await jobs.agenda.now(JOB_NAMES.renewalScan);
      await second.agenda.now(JOB_NAMES.renewalScan);
      // At least both: a run that outlives the test's short lock lifetime may be run again by the
      // other process (Agenda's lock expiry); the nudge is still sent once, which is what counts.
      await waitFor(
        () => completed >= 2,
        45_000,
        () => `(${completed} of 2 runs completed)`,
      );
      await waitFor(async () => (await jobs!.services.renewals.nudges.find(`${c.id}:2026-12-31:0`))?.status === 'sent');
    } finally {
      await Promise.all([jobs.stop(), second.stop()]);
    }
    expect(recorder.to('U_AGENDA')).toHaveLength(1);
    expect(recorder.to('U_AGENDA')[0]!.message.text).toContain('the deadline is today');
    expect(recorder.sent.filter((m) => m.target.kind === 'channel')).toHaveLength(1);
  }, 120_000);

  it('a scan that failed for a contract is followed up minutes later (renewals.scan.followup) until the day is done', async () => {
    db.clock.set('2026-12-10T07:00:00Z');
    const owner = { platform: 'slack' as const, id: 'U_FOLLOW', displayName: 'Fay Follow' };
    const c = await createContract(db.store, {
      terms: { title: 'Follow-up MSA', type: 'msa', counterparty: 'Retry Ltd', endDate: '2027-01-09', noticePeriodDays: 30 },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
    });
    const { ctx, recorder } = await jobsContext(db);
    // The short lock lifetime again: with Agenda's default (10 min) each run leaves a 5-minute
    // timer behind and `jest --runInBand` would wait for it before exiting.
    const running = await startJobs(ctx, { processEvery: 200, runAtStart: false, schedule: false, lockLifetime: 4_000 });
    const renewals = running.services.renewals;
    // The database refuses the first claim (an outage): the contract fails in this scan.
    const claim = renewals.nudges.claim.bind(renewals.nudges);
    let refusals = 1;
    renewals.nudges.claim = async (...args) => {
      if (refusals-- > 0) throw new Error('connection refused');
      return claim(...args);
    };
    try {
      const scanned = new Promise((r) => running.agenda.once(`complete:${JOB_NAMES.renewalScan}`, r));
      await running.agenda.now(JOB_NAMES.renewalScan);
      await scanned;
      expect(refusals).toBe(0); // the one claim was refused
      expect(await renewals.renewals.scanDone('2026-12-10')).toBe(false);
      expect(recorder.to('U_FOLLOW')).toHaveLength(0);
      // The follow-up (every RENEWAL_SCAN_RETRY_MS) scans again: the nudge goes out, the day is done.
      await running.agenda.now(JOB_NAMES.renewalScanFollowUp);
      await waitFor(async () => renewals.renewals.scanDone('2026-12-10'));
      expect(recorder.to('U_FOLLOW')).toHaveLength(1);
      expect((await renewals.nudges.find(`${c.id}:2027-01-09:0`))?.status).toBe('sent');
    } finally {
      await running.stop();
    }
  }, 120_000);
});
