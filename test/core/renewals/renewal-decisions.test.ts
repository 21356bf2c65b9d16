import { randomBytes } from 'node:crypto';
import { createContract } from '../../../src/core/services/create-contract.js';
import { runRenewalScan } from '../../../src/core/services/run-renewal-scan.js';
import { getAuditTrail } from '../../../src/core/services/get-audit-trail.js';
import { RENEWAL_REPAIR_AFTER_MS, renewalDraftExternalId, startRenewal } from '../../../src/core/services/start-renewal.js';
import { letLapse } from '../../../src/core/services/let-lapse.js';
import { snoozeRenewal } from '../../../src/core/services/snooze-renewal.js';
import { reassignRenewal } from '../../../src/core/services/reassign-renewal.js';
import { transitionContract } from '../../../src/core/services/transition-contract.js';
import type { ContractTermsInput } from '../../../src/core/domain/contract.js';
import type { UserRef } from '../../../src/core/domain/user-ref.js';
import type { RenewalDeps } from '../../../src/core/services/renewal-deps.js';
import { useTestDatabase } from '../../support/database.js';
import { renewalDepsFor } from '../../support/renewal-deps.js';
import type { RecordingNotifier } from '../../support/recording-notifier.js';

describe('renewal decisions', () => {
  const db = useTestDatabase('renewal_decisions');
  let deps: RenewalDeps & { notifier: RecordingNotifier };

  beforeAll(async () => {
    deps = await renewalDepsFor(db, { users: { timeZoneOf: async (u) => (u.id.startsWith('UTOKYO') ? 'Asia/Tokyo' : undefined) } });
  });

  const person = (prefix = 'U'): UserRef => ({ platform: 'slack', id: `${prefix}${randomBytes(4).toString('hex').toUpperCase()}`, displayName: 'Olga Owner' });

  async function activeContract(owner: UserRef, terms: Partial<ContractTermsInput> = {}) {
    return createContract(db.store, {
      terms: {
        title: 'Support agreement',
        type: 'msa',
        counterparty: 'Beta GmbH',
        value: { amountMinor: 500_000, currency: 'EUR' },
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        noticePeriodDays: 30,
        autoRenews: true,
        renewalTermMonths: 12,
        ...terms,
      },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
      text: { body: 'Support terms.' },
    });
  }

  it('start renewal creates one draft for the next term, stops the nudges and marks the old term renewed at its end', async () => {
    const owner = person();
    const c = await activeContract(owner);
    db.clock.set('2026-10-02T06:00:00Z');
    await runRenewalScan(deps);
    expect(deps.notifier.to(owner.id)).toHaveLength(1);
    const [first, second] = await Promise.allSettled([
      startRenewal(deps, { contractId: c.id, termEnd: '2026-12-31', actor: owner }),
      startRenewal(deps, { contractId: c.id, termEnd: '2026-12-31', actor: owner }),
    ]);
    const results = [first, second];
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toMatch(/already decided: Olga Owner chose to renew it/);
    const { draft, submitted } = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof startRenewal>>>).value;
    expect(submitted).toBe(false); // no approval engine wired in this test
    expect(draft).toMatchObject({ status: 'draft', renewalOf: c.id, startDate: '2027-01-01', endDate: '2027-12-31', counterparty: 'Beta GmbH' });
    expect(draft.versions[0]!.text).toBe('Support terms.');
    expect((await getAuditTrail(db.store, c.id)).map((e) => e.action)).toContain('renewal_started');

    db.clock.set('2026-11-01T06:00:00Z');
    await runRenewalScan(deps);
    expect(deps.notifier.to(owner.id)).toHaveLength(1);
    db.clock.set('2027-01-01T06:00:00Z');
    await runRenewalScan(deps);
    expect((await db.store.contracts.findById(c.id))!.status).toBe('renewed');
  });

  it('start renewal finishes a decision left without its draft by a crash, once, after the repair delay', async () => {
    const owner = person();
    const c = await activeContract(owner, { endDate: '2027-02-28' });
    db.clock.set('2027-01-10T06:00:00Z');
    // The worker claimed "renew" and died before creating the draft.
    expect(await deps.renewals.claimDecision({ contractId: c.id, termEnd: '2027-02-28', decision: 'renew', by: owner, at: db.clock.now() })).toBe(true);
    // Straight away it may still be running: the click is refused as decided.
    await expect(startRenewal(deps, { contractId: c.id, actor: owner })).rejects.toThrow(/already decided: Olga Owner chose to renew it/);
    db.clock.advanceMs(RENEWAL_REPAIR_AFTER_MS);
    const results = await Promise.allSettled([startRenewal(deps, { contractId: c.id, actor: owner }), startRenewal(deps, { contractId: c.id, actor: owner })]);
    const repaired = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(repaired.length).toBeGreaterThanOrEqual(1);
    const drafts = (await db.store.contracts.list({ statuses: ['draft'] })).filter((d) => d.renewalOf === c.id);
    expect(drafts).toHaveLength(1);
    expect(repaired.every((r) => r.draft.id === drafts[0]!.id)).toBe(true);
    expect((await deps.renewals.findDecision(c.id, '2027-02-28'))!.renewalContractId).toBe(drafts[0]!.id);
    expect((await getAuditTrail(db.store, c.id)).filter((e) => e.action === 'renewal_started')).toHaveLength(1);
    // Finished: now it is simply decided.
    await expect(startRenewal(deps, { contractId: c.id, actor: owner })).rejects.toThrow(/already decided/);
  });

  it('start renewal links a draft that a crashed attempt created but never linked or submitted', async () => {
    const owner = person();
    const c = await activeContract(owner, { endDate: '2027-04-30' });
    db.clock.set('2027-03-01T06:00:00Z');
    await deps.renewals.claimDecision({ contractId: c.id, termEnd: '2027-04-30', decision: 'renew', by: owner, at: db.clock.now() });
    const orphan = await createContract(db.store, {
      terms: { title: 'Support agreement', type: 'msa', counterparty: 'Beta GmbH', startDate: '2027-05-01', endDate: '2028-04-30' },
      owner,
      requester: owner,
      actor: owner,
      renewalOf: c.id,
      externalId: renewalDraftExternalId(c.id, '2027-04-30'),
      text: { body: 'Support terms.' },
    });
    db.clock.advanceMs(RENEWAL_REPAIR_AFTER_MS + 1);
    const submitting = {
      ...deps,
      submitForApproval: async (draft: { id: string }, actor: UserRef) => transitionContract(db.store, { contractId: draft.id, action: 'submit', actor }),
    };
    const result = await startRenewal(submitting, { contractId: c.id, actor: owner });
    expect(result).toMatchObject({ submitted: true, draft: { id: orphan.id, status: 'in_review' } });
    await expect(startRenewal(submitting, { contractId: c.id, actor: owner })).rejects.toThrow(/already decided/);
  });

  it('start renewal submits the draft when the approval flow is wired', async () => {
    const owner = person();
    const c = await activeContract(owner, { endDate: '2027-03-31' });
    db.clock.set('2027-01-15T06:00:00Z');
    const submitting = {
      ...deps,
      submitForApproval: async (draft: { id: string }, actor: UserRef) => transitionContract(db.store, { contractId: draft.id, action: 'submit', actor }),
    };
    const result = await startRenewal(submitting, { contractId: c.id, actor: owner });
    expect(result.submitted).toBe(true);
    expect(result.draft.status).toBe('in_review');
    expect(result.message).toMatch(/now in review/);
  });

  it('letting an auto-renewing contract lapse asks for notice and expires it instead of rolling over', async () => {
    const owner = person();
    const c = await activeContract(owner, { endDate: '2027-05-31' });
    db.clock.set('2027-04-20T06:00:00Z');
    const { message, noticeRequired } = await letLapse(deps, { contractId: c.id, termEnd: '2027-05-31', actor: owner });
    expect(noticeRequired).toBe(true);
    expect(message).toMatch(/written notice of non-renewal by 2027-05-01 \(11 days left\)/);
    await expect(startRenewal(deps, { contractId: c.id, actor: owner })).rejects.toThrow(/chose to let it lapse/);
    // The ladder goes on as reminders to send the notice (7 days before and on the deadline).
    for (const day of ['2027-04-24', '2027-04-25', '2027-05-01']) {
      db.clock.set(`${day}T06:00:00Z`);
      await runRenewalScan(deps);
    }
    const reminders = deps.notifier.to(owner.id).map((m) => m.message.text);
    expect(reminders).toEqual([
      expect.stringMatching(/^Notice due: .* unless Beta GmbH receives written notice of non-renewal by 2027-05-01 \(7 days left\)/),
      expect.stringMatching(/\(the deadline is today\)/),
    ]);
    expect(deps.notifier.to(owner.id)[0]!.message.card!.actions).toBeUndefined();
    db.clock.set('2027-06-01T06:00:00Z');
    await runRenewalScan(deps);
    const after = (await db.store.contracts.findById(c.id))!;
    expect(after.status).toBe('expired');
    expect(after.endDate).toBe('2027-05-31');
    const trail = await getAuditTrail(db.store, c.id);
    expect(trail.find((e) => e.action === 'renewal_lapse')!.details).toMatchObject({ noticeRequired: true, noticeDeadline: '2027-05-01' });
  });

  it('snooze holds nudges for 7 days, then reminds once', async () => {
    const owner = person();
    const c = await activeContract(owner, { endDate: '2027-09-30', noticePeriodDays: 0 }); // deadline 2027-09-30
    db.clock.set('2027-08-01T06:00:00Z'); // 60-day nudge
    await runRenewalScan(deps);
    expect(deps.notifier.to(owner.id)).toHaveLength(1);
    const { until } = await snoozeRenewal(deps, { contractId: c.id, termEnd: '2027-09-30', actor: owner });
    expect(until).toBe('2027-08-08');
    for (let day = 0; day < 7; day++) {
      db.clock.advanceDays(1);
      await runRenewalScan(deps);
    }
    // 08-02 … 08-08: nothing while snoozed, the follow-up on 08-08.
    expect(deps.notifier.to(owner.id)).toHaveLength(2);
    db.clock.advanceDays(1);
    await runRenewalScan(deps);
    expect(deps.notifier.to(owner.id)).toHaveLength(2);
    expect((await getAuditTrail(db.store, c.id)).map((e) => e.action)).toContain('renewal_snoozed');
  });

  it('reassign hands the contract to a new owner, records it and sends them the card with today in their time zone', async () => {
    const owner = person();
    const newOwner = person('UTOKYO');
    const c = await activeContract(owner, { endDate: '2027-12-31' }); // deadline 2027-12-01
    db.clock.set('2027-11-30T20:00:00Z'); // already 2027-12-01 in Tokyo
    const { contract } = await reassignRenewal(deps, { contractId: c.id, termEnd: '2027-12-31', newOwner, actor: owner });
    expect(contract.owner.id).toBe(newOwner.id);
    const dm = deps.notifier.to(newOwner.id);
    expect(dm).toHaveLength(1);
    expect(dm[0]!.message.text).toMatch(/the deadline is today/);
    const trail = await getAuditTrail(db.store, c.id);
    expect(trail.at(-1)).toMatchObject({ action: 'reassigned' });
  });

  it('refuses a click on a nudge for a term that has since rolled over', async () => {
    const owner = person();
    const c = await activeContract(owner, { endDate: '2028-01-31', noticePeriodDays: 0 });
    db.clock.set('2028-02-01T06:00:00Z');
    await runRenewalScan(deps);
    await expect(letLapse(deps, { contractId: c.id, termEnd: '2028-01-31', actor: owner })).rejects.toThrow(/now ends on 2029-01-31/);
  });
});
