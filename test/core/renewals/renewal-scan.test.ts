import { randomBytes } from 'node:crypto';
import { createContract } from '../../../src/core/services/create-contract.js';
import { runRenewalScan } from '../../../src/core/services/run-renewal-scan.js';
import { getAuditTrail } from '../../../src/core/services/get-audit-trail.js';
import { nudgeId } from '../../../src/core/services/send-renewal-nudge.js';
import type { ContractTermsInput } from '../../../src/core/domain/contract.js';
import type { UserRef } from '../../../src/core/domain/user-ref.js';
import { useTestDatabase } from '../../support/database.js';
import { renewalDepsFor } from '../../support/renewal-deps.js';
import type { RenewalDeps } from '../../../src/core/services/renewal-deps.js';
import type { RecordingNotifier } from '../../support/recording-notifier.js';

describe('renewal scan on a real database', () => {
  const db = useTestDatabase('renewal_scan');
  let deps: RenewalDeps & { notifier: RecordingNotifier };

  beforeAll(async () => {
    deps = await renewalDepsFor(db, { settings: { renewalsChannel: { kind: 'channel', platform: 'slack', channelId: 'C_RENEWALS' } } });
  });

  const newOwner = (): UserRef => ({ platform: 'slack', id: `U${randomBytes(4).toString('hex').toUpperCase()}`, displayName: 'Olga Owner' });

  async function activeContract(owner: UserRef, terms: Partial<ContractTermsInput> = {}) {
    return createContract(db.store, {
      terms: {
        title: 'Hosting MSA',
        type: 'msa',
        counterparty: 'Acme Cloud',
        value: { amountMinor: 1_200_000, currency: 'USD' },
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        noticePeriodDays: 30,
        ...terms,
      },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
      text: { body: 'Master services agreement.' },
    });
  }

  /** Offsets of the nudges the owner received, in order. */
  const offsetsSentTo = (owner: UserRef) => deps.notifier.to(owner.id).map((m) => /deadline (\d{4}-\d{2}-\d{2}), (.*)\./.exec(m.message.text)?.[2]);

  it('walks the whole ladder, each nudge once, to the owner and the renewals channel', async () => {
    const owner = newOwner();
    const c = await activeContract(owner);
    db.clock.set('2026-08-20T06:00:00Z');
    while (db.clock.now() <= new Date('2026-12-31T06:00:00Z')) {
      await runRenewalScan(deps);
      db.clock.advanceDays(1);
    }
    expect(offsetsSentTo(owner)).toEqual(['90 days left', '60 days left', '30 days left', '7 days left', 'the deadline is today']);
    const channel = deps.notifier.sent.filter((m) => m.target.kind === 'channel' && m.message.text.includes(c.ref));
    expect(channel).toHaveLength(5);
    const card = deps.notifier.to(owner.id)[0]!.message.card!;
    expect(card.actions!.map((a) => a.id)).toEqual(['renewal.start', 'renewal.lapse', 'renewal.snooze', 'renewal.reassign']);
    expect(card.actions![0]!.value).toEqual({ contractId: c.id, termEnd: '2026-12-31' });
    expect(card.sections[0]).toMatchObject({ kind: 'fields' });
    expect(JSON.stringify(card)).toContain('$12,000.00');
    for (const offset of [90, 60, 30, 7, 0]) {
      const item = await deps.nudges.find(nudgeId(c.id, '2026-12-31', offset));
      expect(item?.status).toBe('sent');
      // Both deliveries are recorded (the last one with the sent mark), so a re-send skips them.
      expect(Object.keys(item!.delivered).sort()).toEqual(['0', '1']);
      expect(item!.delivered['1']).toMatchObject({ channelId: expect.any(String) });
    }
  });

  it('rolls an auto-renewing contract over by its renewal term and records it', async () => {
    const owner = newOwner();
    const c = await activeContract(owner, { endDate: '2027-02-28', autoRenews: true, renewalTermMonths: 12, noticePeriodDays: 0 });
    db.clock.set('2027-02-28T06:00:00Z');
    await runRenewalScan(deps);
    expect((await db.store.contracts.findById(c.id))!.endDate).toBe('2027-02-28');
    db.clock.set('2027-03-01T06:00:00Z');
    const [a, b] = await Promise.all([runRenewalScan(deps), runRenewalScan(deps)]);
    expect(a.rolledOver + b.rolledOver).toBeGreaterThanOrEqual(1);
    const after = (await db.store.contracts.findById(c.id))!;
    expect(after.status).toBe('active');
    expect(after.endDate).toBe('2028-02-29');
    const trail = await getAuditTrail(db.store, c.id);
    const rolled = trail.filter((e) => e.action === 'rolled_over');
    expect(rolled).toHaveLength(1);
    expect(rolled[0]!.details).toMatchObject({ termEnd: '2027-02-28', newEnd: '2028-02-29', terms: 1 });
    expect(rolled[0]!.actor.platform).toBe('system');
  });

  it('expires a contract without auto-renewal the day after it ends', async () => {
    const owner = newOwner();
    const c = await activeContract(owner, { endDate: '2027-01-31', noticePeriodDays: 0 });
    db.clock.set('2027-02-01T06:00:00Z');
    await runRenewalScan(deps);
    expect((await db.store.contracts.findById(c.id))!.status).toBe('expired');
    const trail = await getAuditTrail(db.store, c.id);
    expect(trail.at(-1)).toMatchObject({ action: 'expire', fromStatus: 'active', toStatus: 'expired' });
  });

  it('sends one nudge when two workers scan at the same moment', async () => {
    const owner = newOwner();
    const c = await activeContract(owner, { endDate: '2027-06-30' });
    db.clock.set('2027-05-31T06:00:00Z'); // deadline 2027-05-31: offset 0
    const reports = await Promise.all([runRenewalScan(deps), runRenewalScan(deps), runRenewalScan(deps)]);
    expect(deps.notifier.to(owner.id)).toHaveLength(1);
    expect(reports.reduce((n, r) => n + r.nudgesSent, 0)).toBe(1);
    expect((await deps.nudges.find(nudgeId(c.id, '2027-06-30', 0)))!.status).toBe('sent');
  });

  it('re-sends, exactly once, a nudge whose worker died after claiming it', async () => {
    const owner = newOwner();
    const c = await activeContract(owner, { endDate: '2027-08-31', noticePeriodDays: 0 });
    db.clock.set('2027-08-24T06:00:00Z'); // the 7-day nudge
    // The worker claimed the nudge (rendered and inserted) and died before sending it.
    const claimed = await deps.nudges.claim(
      {
        id: nudgeId(c.id, '2027-08-31', 7),
        kind: 'renewal_nudge',
        subjectId: c.id,
        deliveries: [{ target: { kind: 'user', user: owner }, message: { text: `Renewal: ${c.ref} claimed then crashed` } }],
      },
      db.clock.now(),
      deps.delivery,
    );
    expect(claimed).toBe(true);
    await runRenewalScan(deps); // within the lease: the claimant may still be sending
    expect(deps.notifier.to(owner.id)).toHaveLength(0);
    db.clock.advanceMs(11 * 60_000);
    await Promise.all([runRenewalScan(deps), runRenewalScan(deps)]);
    await runRenewalScan(deps);
    expect(deps.notifier.to(owner.id).map((m) => m.message.text)).toEqual([`Renewal: ${c.ref} claimed then crashed`]);
    const item = (await deps.nudges.find(nudgeId(c.id, '2027-08-31', 7)))!;
    expect(item).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('retries a nudge whose send failed, then gives up after the attempts', async () => {
    const owner = newOwner();
    const c = await activeContract(owner, { endDate: '2027-10-31', noticePeriodDays: 0 });
    db.clock.set('2027-10-31T06:00:00Z');
    deps.notifier.failNext = 1;
    const first = await runRenewalScan(deps);
    expect(first.nudgesUnsent).toBe(1);
    db.clock.advanceMs(11 * 60_000);
    await runRenewalScan(deps);
    const sent = deps.notifier.to(owner.id);
    expect(sent).toHaveLength(1); // the owner DM, sent by the retry
    expect((await deps.nudges.find(nudgeId(c.id, '2027-10-31', 0)))!.status).toBe('sent');
  });

  it('after a week of downtime sends one catch-up nudge and records the missed ones as skipped', async () => {
    const owner = newOwner();
    const c = await activeContract(owner, { endDate: '2028-03-31', noticePeriodDays: 31 }); // deadline 2028-02-29
    db.clock.set('2028-01-28T06:00:00Z');
    await runRenewalScan(deps); // the 60-day nudge (its date was 2027-12-31; the 90-day one is skipped)
    expect(offsetsSentTo(owner)).toEqual(['32 days left']);
    // Down from 2028-01-29 to 2028-02-23: the 30-day (01-30) and 7-day (02-22) nudges are missed.
    db.clock.set('2028-02-23T06:00:00Z');
    await runRenewalScan(deps);
    await runRenewalScan(deps);
    expect(offsetsSentTo(owner)).toEqual(['32 days left', '6 days left']);
    expect(await deps.nudges.find(nudgeId(c.id, '2028-03-31', 30))).toMatchObject({ status: 'skipped' });
    expect(await deps.nudges.find(nudgeId(c.id, '2028-03-31', 7))).toMatchObject({ status: 'sent' });
    expect(await deps.nudges.find(nudgeId(c.id, '2028-03-31', 90))).toMatchObject({ status: 'skipped' });
  });

  it('a deadline-day nudge missed in an outage is sent late, once, saying the deadline has passed', async () => {
    const owner = newOwner();
    const c = await activeContract(owner, { endDate: '2028-06-30', noticePeriodDays: 30 }); // deadline 2028-05-31
    db.clock.set('2028-06-01T06:00:00Z'); // the deadline day was missed
    const report = await runRenewalScan(deps);
    expect(report.lateNudges).toBe(1);
    expect(deps.notifier.to(owner.id).map((m) => m.message.text)).toEqual([
      expect.stringContaining('notice deadline 2028-05-31, the deadline passed 1 day ago'),
    ]);
    await runRenewalScan(deps);
    db.clock.set('2028-06-02T06:00:00Z');
    await runRenewalScan(deps);
    expect(deps.notifier.to(owner.id)).toHaveLength(1);
    expect(await deps.nudges.find(nudgeId(c.id, '2028-06-30', 0))).toMatchObject({ status: 'sent' });
    expect(await deps.nudges.find(nudgeId(c.id, '2028-06-30', 7))).toMatchObject({ status: 'skipped' });
  });

  it('the scan summary says what waits for a platform that is off and what cannot be delivered, with the reason', async () => {
    const gone = newOwner();
    await activeContract(gone, { endDate: '2028-09-30', noticePeriodDays: 0 });
    db.clock.set('2028-09-30T06:00:00Z');
    deps.notifier.failNext = 1;
    deps.notifier.failWith = { status: 'permanent', reason: 'Slack answered user_not_found' };
    const report = await runRenewalScan(deps);
    // The channel post went out; the owner's DM cannot be delivered, and the summary says why.
    expect(report.undeliverable).toEqual([{ contractId: expect.any(String), reason: 'Slack answered user_not_found' }]);
    expect(report.nudgesSent).toBe(1);

    const waiting = newOwner();
    await activeContract(waiting, { endDate: '2028-10-31', noticePeriodDays: 0 });
    db.clock.set('2028-10-31T06:00:00Z');
    deps.notifier.failNext = 2; // the owner DM and the renewals channel post
    deps.notifier.failWith = { status: 'off', reason: 'slack is not configured' };
    const off = await runRenewalScan(deps);
    expect(off).toMatchObject({ nudgesSent: 0, nudgesUnsent: 1, nudgesWaiting: { slack: 1 } });
    expect((await deps.nudges.counts()).waiting).toMatchObject({ slack: 1 });
    deps.notifier.failWith = { status: 'transient', reason: 'chat platform unavailable' };
  });
});
