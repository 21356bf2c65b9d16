import { fillableSlots, isApproverPerson } from '../domain/approver-identity.js';
import type { UserRef } from '../domain/user-ref.js';
import type { ApprovalDeps, PendingApproval } from './approval-deps.js';

/**
 * The rounds waiting on this user: their current stage has an open slot the user may fill, the
 * user has not decided that stage yet, and the user neither owns nor requested the contract.
 */
export async function listPendingApprovalsFor(deps: Pick<ApprovalDeps, 'approvals' | 'contracts'>, user: UserRef): Promise<PendingApproval[]> {
  const waiting: PendingApproval[] = [];
  for (const round of await deps.approvals.listPendingRounds()) {
    const stage = round.stages[round.currentStage];
    if (!stage) continue;
    const slots = fillableSlots(stage, user);
    if (slots.length === 0) continue;
    const decisions = await deps.approvals.listDecisions(round.id);
    const inStage = decisions.filter((d) => d.stageIndex === round.currentStage);
    const decidedByUser = inStage.some((d) => stage.slots[d.slotIndex]?.candidates.some((c) => c.personId === d.personId && isApproverPerson(c, user)));
    if (decidedByUser || slots.every((i) => inStage.some((d) => d.slotIndex === i))) continue;
    const contract = await deps.contracts.findById(round.contractId);
    if (contract?.status !== 'in_review') continue;
    const involved = stage.slots.flatMap((s) => s.candidates).filter((c) => isApproverPerson(c, user));
    if (involved.some((c) => isApproverPerson(c, contract.requester) || isApproverPerson(c, contract.owner))) continue;
    waiting.push({ contract, round, stageIndex: round.currentStage, decisions });
  }
  return waiting;
}
