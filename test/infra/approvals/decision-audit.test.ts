import { evaluateStage } from '../../../src/core/domain/approval-round.js';
import { decideApproval } from '../../../src/core/services/decide-approval.js';
import { getAuditTrail } from '../../../src/core/services/get-audit-trail.js';
import { submitForApproval } from '../../../src/core/services/submit-for-approval.js';
import { useTestDatabase } from '../../support/database.js';
import { approvalDeps, draft, fiona, lena, rep, victor } from './approval-fixtures.js';

describe('decision audit events', () => {
  const db = useTestDatabase('decision_audit');

  it('are recorded once per decision, even when a request died before auditing it', async () => {
    const deps = await approvalDeps(db);
    const contract = await draft(deps, { valueMajor: 150_000 });
    const { round } = await submitForApproval(deps, { contractId: contract.id, actor: rep });

    // Legal approves normally; Finance's request records its decision and ends the stage, then
    // dies before its audit event (simulated by writing the decision and the claim directly).
    await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: lena, decision: 'approve' });
    const slot = round.stages[0]!.slots.findIndex((s) => s.label.toLowerCase().includes('finance'));
    const financeDecision = {
      roundId: round.id,
      stageIndex: 0,
      slotIndex: slot,
      approver: fiona,
      personId: 'fiona',
      decision: 'approve' as const,
      at: deps.clock.now(),
    };
    expect(await deps.approvals.recordDecision(financeDecision)).toBe(true);
    const verdict = evaluateStage(round.stages[0]!, 0, await deps.approvals.listDecisions(round.id));
    expect(verdict).toBeDefined();
    expect(await deps.approvals.claimStageOutcome(round.id, { stageIndex: 0, ...verdict!, by: fiona, at: deps.clock.now() })).toBe(true);

    // The VP's click on the next stage re-asserts the missing event; repeats add nothing.
    await decideApproval(deps, { roundId: round.id, stageIndex: 1, approver: victor, decision: 'approve' });
    await decideApproval(deps, { roundId: round.id, stageIndex: 1, approver: victor, decision: 'approve' }).catch(() => undefined);
    const decisions = (await getAuditTrail(deps, contract.id)).filter((e) => e.action === 'approval_approved');
    expect(decisions.map((e) => e.actor.id).sort()).toEqual([fiona.id, lena.id, victor.id].sort());
  });

  it('an append with an id is idempotent', async () => {
    const deps = await approvalDeps(db);
    const contract = await draft(deps);
    const first = await deps.audit.append(contract, { actor: rep, action: 'nudge_sent' }, { id: 'nudge:x' });
    const again = await deps.audit.append(contract, { actor: rep, action: 'nudge_sent' }, { id: 'nudge:x' });
    expect(again.id).toBe(first.id);
    expect((await getAuditTrail(deps, contract.id)).filter((e) => e.action === 'nudge_sent')).toHaveLength(1);
  });
});
