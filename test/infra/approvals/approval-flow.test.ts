import { AppError, AppErrorCode } from '../../../src/core/errors.js';
import { decideApproval } from '../../../src/core/services/decide-approval.js';
import { transitionContract } from '../../../src/core/services/transition-contract.js';
import { getAuditTrail } from '../../../src/core/services/get-audit-trail.js';
import { listPendingApprovalsFor } from '../../../src/core/services/list-pending-approvals-for.js';
import { markSentForSignature } from '../../../src/core/services/mark-sent-for-signature.js';
import { markSigned } from '../../../src/core/services/mark-signed.js';
import { requestContract } from '../../../src/core/services/request-contract.js';
import { resubmitContract } from '../../../src/core/services/resubmit-contract.js';
import { submitForApproval } from '../../../src/core/services/submit-for-approval.js';
import { useTestDatabase } from '../../support/database.js';
import {
  approvalDeps,
  draft,
  expectMessagesTrue,
  felix,
  fiona,
  lena,
  luis,
  maria,
  rep,
  stranger,
  victor,
  type RecordingNotifier,
} from './approval-fixtures.js';
import type { ApprovalDeps } from '../../../src/core/services/approval-deps.js';

type Deps = ApprovalDeps & { notifier: RecordingNotifier };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('approval flow on a real database', () => {
  const db = useTestDatabase('approvals_flow');
  let deps: Deps;
  beforeAll(async () => {
    deps = await approvalDeps(db);
  });

  it('takes a 150,000 contract through Legal & Finance in parallel, then the VP, then approves it', async () => {
    const c = await draft(deps, { valueMajor: 150_000 });
    const { contract, round } = await submitForApproval(deps, { contractId: c.id, actor: rep });
    expect(contract.status).toBe('in_review');
    expect(round).toMatchObject({ round: 1, currentStage: 0, status: 'pending', contractVersion: 1 });
    // Channel + DMs to the four legal and finance people (Felix in Teams).
    expect(round.messageRefs).toHaveLength(5);
    expect(deps.notifier.to('aad-felix')).toHaveLength(1);
    const card = deps.notifier.sent[0]!.message.card!;
    expect(card.subtitle).toContain('Stage 1 of 2: Legal & Finance');
    expect(card.sections[0]).toMatchObject({ kind: 'fields' });
    expect(JSON.stringify(card.sections[0])).toContain('$150,000.00');
    expect(card.actions!.map((a) => a.id)).toEqual(['approval.approve', 'approval.reject']);
    expect(card.actions![1]!.input).toEqual(expect.objectContaining({ id: 'reason', required: true }));
    expect(card.actions![0]!.value).toEqual({ roundId: round.id, stage: '0' });

    const first = await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: lena, decision: 'approve' });
    expect(first.recorded).toBe(true);
    expect(first.message).toMatch(/still needs more approvals/);
    expect(first.round.currentStage).toBe(0);

    const second = await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: felix, decision: 'approve' });
    expect(second.round.currentStage).toBe(1);
    expect(second.message).toMatch(/now with Stage 2 of 2: VP sign-off/);
    expect(deps.notifier.to('U0VPSALES')).toHaveLength(1); // VP stage notifies by DM only
    expect(deps.notifier.to('U0REP').at(-1)!.message.text).toMatch(/Stage 1 of 2: Legal & Finance is approved. Now waiting on Stage 2 of 2: VP sign-off/);

    const last = await decideApproval(deps, { roundId: round.id, stageIndex: 1, approver: victor, decision: 'approve' });
    expect(last.round.status).toBe('approved');
    expect(last.contract.status).toBe('approved');
    // The requester's update, then (core, through the outbox) the owner's next step.
    const [update, nextStep] = deps.notifier
      .to('U0REP')
      .slice(-2)
      .map((m) => m.message.text);
    expect(update).toMatch(/is approved\. Approved by Victor VP at 2026-03-01 09:00 UTC/);
    expect(nextStep).toMatch(/is approved\. Next: send it to the counterparty for signature/);

    await expectMessagesTrue(deps, round.id);
    const final = deps.notifier.current(round.messageRefs[0]!);
    expect(final.card!.actions).toBeUndefined();
    expect(final.card!.sections.at(-1)).toEqual({ kind: 'context', text: 'Approved by Victor VP at 2026-03-01 09:00 UTC.' });
    expect(JSON.stringify(final)).toContain('✅ Legal: approved by Lena Legal');
    expect(JSON.stringify(final)).toContain('✅ Finance: approved by Felix Finance');

    const trail = await getAuditTrail(deps, c.id);
    expect(trail.map((e) => e.action)).toEqual(['created', 'submit', 'approval_approved', 'approval_approved', 'approval_approved', 'approve']);
    expect(trail[2]!.details).toMatchObject({ stage: 'Legal & Finance', slot: 'Legal' });
  });

  it('completes an N-of-M stage with 2 of 3 approvers', async () => {
    const c = await draft(deps, { type: 'sow', title: 'Globex SOW' });
    const { round } = await submitForApproval(deps, { contractId: c.id, actor: rep });
    expect(round.stages[0]!.required).toBe(2);
    await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: victor, decision: 'approve' });
    const done = await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: lena, decision: 'approve' });
    expect(done.contract.status).toBe('approved');
    const late = await refusal(decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: fiona, decision: 'approve' }));
    expect(late.code).toBe(AppErrorCode.AlreadyDecided);
    expect(late.message).toMatch(/Stage 1 of 1: Two of three of C-2026-\d+ was already approved by Lena Legal at .*, Victor VP at .*Nothing was changed\./);
  });

  it('rejects with a reason, tells the requester, and a resubmission starts a new round on a new version', async () => {
    const c = await draft(deps, { valueMajor: 50_000 });
    const { round } = await submitForApproval(deps, { contractId: c.id, actor: rep });
    const noReason = await refusal(decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: luis, decision: 'reject', reason: '  ' }));
    expect(noReason.code).toBe(AppErrorCode.InvalidInput);
    expect(await deps.approvals.listDecisions(round.id)).toEqual([]);

    const rejected = await decideApproval(deps, {
      roundId: round.id,
      stageIndex: 0,
      approver: luis,
      decision: 'reject',
      reason: 'Cap the liability at 12 months of fees',
    });
    expect(rejected.contract.status).toBe('rejected');
    expect(rejected.round.status).toBe('rejected');
    const dm = deps.notifier.to('U0REP').at(-2)!.message.text;
    expect(deps.notifier.to('U0REP').at(-1)!.message.text).toMatch(/was rejected\. Address the reason/);
    expect(dm).toContain('Rejected by Luis Legal at 2026-03-01 09:00 UTC: Cap the liability at 12 months of fees');
    expect(dm).toMatch(/revise the draft .* resubmit/);
    await expectMessagesTrue(deps, round.id);
    const trail = await getAuditTrail(deps, c.id);
    expect(trail.at(-1)).toMatchObject({ action: 'reject', details: expect.objectContaining({ reason: 'Cap the liability at 12 months of fees' }) });

    const notMine = await refusal(resubmitContract(deps, { contractId: c.id, actor: stranger, text: 'x' }));
    expect(notMine.code).toBe(AppErrorCode.Forbidden);

    const again = await resubmitContract(deps, { contractId: c.id, actor: rep, text: 'MSA v2 with a 12-month cap', note: 'liability cap' });
    expect(again.contract.status).toBe('in_review');
    expect(again.contract.versions.map((v) => v.number)).toEqual([1, 2]);
    expect(again.round).toMatchObject({ round: 2, contractVersion: 2, status: 'pending', currentStage: 0 });
    expect(again.round.id).not.toBe(round.id);
    const old = (await deps.approvals.findRound(round.id))!;
    expect(old.status).toBe('superseded');

    const stale = await refusal(decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: lena, decision: 'approve' }));
    expect(stale.code).toBe(AppErrorCode.AlreadyDecided);
    expect(stale.message).toMatch(/was resubmitted .* older round \(round 1\)/);
  });

  it('refuses a non-approver and an approver who owns or requested the contract, changing nothing', async () => {
    const c = await draft(deps, { valueMajor: 30_000 }, { owner: lena, requester: rep });
    const { round } = await submitForApproval(deps, { contractId: c.id, actor: rep });
    const outsider = await refusal(decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: stranger, decision: 'approve' }));
    expect(outsider.code).toBe(AppErrorCode.Forbidden);
    expect(outsider.message).toMatch(/not an approver of Stage 1 of 1: Legal & Finance .* Lena Legal, Luis Legal, Fiona Finance, Felix Finance/);
    const owner = await refusal(decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: lena, decision: 'approve' }));
    expect(owner.code).toBe(AppErrorCode.Forbidden);
    expect(owner.message).toMatch(/own .* cannot approve or reject it/);
    // The same person clicking from another platform, matched by e-mail, is refused too.
    const byEmail = await refusal(
      decideApproval(deps, {
        roundId: round.id,
        stageIndex: 0,
        approver: { platform: 'teams', id: 'aad-lena', email: 'LENA@example.com' },
        decision: 'approve',
      }),
    );
    expect(byEmail.code).toBe(AppErrorCode.Forbidden);
    expect(await deps.approvals.listDecisions(round.id)).toEqual([]);
    // She was not asked either: no DM to the owner.
    expect(deps.notifier.sent.filter((s) => round.messageRefs.some((r) => r.messageId === s.ref.messageId)).map((s) => s.ref.channelId)).not.toContain(
      'D_U0LEGAL1',
    );
    expect((await listPendingApprovalsFor(deps, lena)).map((p) => p.round.id)).not.toContain(round.id);
    expect((await listPendingApprovalsFor(deps, luis)).map((p) => p.round.id)).toContain(round.id);
    await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: luis, decision: 'approve' });
    expect((await listPendingApprovalsFor(deps, luis)).map((p) => p.round.id)).not.toContain(round.id);
    expect((await listPendingApprovalsFor(deps, fiona)).map((p) => p.round.id)).toContain(round.id);
  });

  it('refuses to submit what no rule covers, or what only the requester could approve, changing nothing', async () => {
    const uncovered = await draft(deps, { type: 'order_form', title: 'Small order' });
    const e = await refusal(submitForApproval(deps, { contractId: uncovered.id, actor: rep }));
    expect(e.code).toBe(AppErrorCode.InvalidInput);
    expect(e.message).toMatch(/No approval rule covers C-2026-\d+ \(a order_form without a value\)/);
    expect((await deps.contracts.findById(uncovered.id))!.status).toBe('draft');

    const own = await draft(deps, { title: 'Maria NDA', type: 'nda' }, { owner: maria, requester: maria });
    const self = await refusal(submitForApproval(deps, { contractId: own.id, actor: maria }));
    expect(self.code).toBe(AppErrorCode.Forbidden);
    expect(self.message).toMatch(/Stage "Manager" .* could never be approved/);
    expect(await deps.approvals.listRoundsForContract(own.id)).toEqual([]);
  });

  it('requests a contract from a template: drafts v1, stores it and submits it; invalid input stores nothing', async () => {
    const before = await deps.contracts.count({});
    const bad = await refusal(
      requestContract({ ...deps, companyName: 'Initech Ltd' }, { terms: { title: 'NDA', type: 'nda', counterparty: '' }, owner: rep, requester: rep }),
    );
    expect(bad.code).toBe(AppErrorCode.InvalidInput);
    expect(bad.message).toMatch(/counterparty/);
    expect(await deps.contracts.count({})).toBe(before);

    const { contract, round } = await requestContract(
      { ...deps, companyName: 'Initech Ltd' },
      {
        terms: {
          title: 'Acme NDA',
          type: 'nda',
          counterparty: 'Acme Corp',
          startDate: '2026-03-02',
          termMonths: 24,
          noticePeriodDays: 30,
          governingLaw: 'England and Wales',
        },
        owner: rep,
        requester: rep,
      },
    );
    expect(contract.status).toBe('in_review');
    expect(contract.versions[0]!.text).toContain('Acme Corp');
    expect(contract.versions[0]!.templateId).toBeDefined();
    expect(round.stages.map((s) => s.name)).toEqual(['Manager']);
    // notify: channel → only the approvals channel.
    expect(round.messageRefs.map((r) => r.channelId)).toEqual(['C0APPROVALS']);
  });

  it('lets only the owner mark an approved contract sent and signed, with a signed date not in the future', async () => {
    const c = await draft(deps, { valueMajor: 1_000 }, { owner: rep, requester: luis });
    const { round } = await submitForApproval(deps, { contractId: c.id, actor: luis });
    await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: maria, decision: 'approve' });
    const notOwner = await refusal(markSentForSignature(deps, { contractId: c.id, actor: luis }));
    expect(notOwner.code).toBe(AppErrorCode.Forbidden);
    expect(notOwner.message).toMatch(/Only the owner of C-2026-\d+ \(Rita Rep\)/);
    expect((await markSentForSignature(deps, { contractId: c.id, actor: rep })).status).toBe('sent_for_signature');
    expect((await refusal(markSigned(deps, { contractId: c.id, actor: luis, signedDate: '2026-03-01' }))).code).toBe(AppErrorCode.Forbidden);
    const future = await refusal(markSigned(deps, { contractId: c.id, actor: rep, signedDate: '2026-03-02' }));
    expect(future.message).toMatch(/signed date 2026-03-02 is in the future/);
    expect((await refusal(markSigned(deps, { contractId: c.id, actor: rep, signedDate: '2026-02-30' }))).message).toMatch(/signedDate: must be a real date/);
    const signed = await markSigned(deps, { contractId: c.id, actor: rep, signedDate: '2026-03-01' });
    expect(signed).toMatchObject({ status: 'active', signedDate: '2026-03-01' });
  });
  it('rolls forward after a crash: a submit without its round, and a finished round whose contract was not moved', async () => {
    const c = await draft(deps, { valueMajor: 40_000 });
    // The submitter died after the transition, before creating round 1.
    await transitionContract(deps, { contractId: c.id, action: 'submit', actor: rep, details: { roundId: `${c.id}:round:1`, round: 1 } });
    const repaired = await submitForApproval(deps, { contractId: c.id, actor: rep });
    expect(repaired.round).toMatchObject({ id: `${c.id}:round:1`, round: 1, status: 'pending' });
    expect(repaired.round.messageRefs.length).toBeGreaterThan(0);
    const again = await refusal(submitForApproval(deps, { contractId: c.id, actor: rep }));
    expect(again.message).toMatch(/already in review \(approval round 1\)/);

    // The stage's claim was won, then the winner died before rejecting the contract.
    const round = repaired.round;
    await deps.approvals.recordDecision({
      roundId: round.id,
      stageIndex: 0,
      slotIndex: 1,
      approver: fiona,
      personId: 'fiona',
      decision: 'reject',
      reason: 'Price',
      at: db.clock.now(),
    });
    await deps.approvals.claimStageOutcome(round.id, { stageIndex: 0, outcome: 'rejected', countedSlots: [1], by: fiona, reason: 'Price', at: db.clock.now() });
    expect((await deps.contracts.findById(c.id))!.status).toBe('in_review');
    const late = await refusal(decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: lena, decision: 'approve' }));
    expect(late.message).toMatch(/already rejected by Fiona Finance at .*: Price/);
    expect((await deps.contracts.findById(c.id))!.status).toBe('rejected');
  });
});
