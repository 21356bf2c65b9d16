import type { ApprovalRound } from '../domain/approval-round.js';
import type { AuditEventDraft } from '../domain/audit-event.js';
import type { Contract } from '../domain/contract.js';
import { AppError, AppErrorCode, isAppError } from '../errors.js';
import type { ApprovalDeps } from './approval-deps.js';
import { transitionContract } from './transition-contract.js';

/**
 * Brings the contract in line with a finished round: approved -> approve, rejected -> reject with
 * the reason. Idempotent, so any request may call it: the one that ended the round, or a later
 * click that finds the round finished but the contract still in review (the ender died between
 * its claim and this write). Only the contract's latest round may move it, so an old round can
 * never touch a newer submission. Returns the contract as it now is. `known` passes what the
 * caller already holds, so nothing is read twice.
 */
export async function settleApprovalRound(
  deps: ApprovalDeps,
  round: ApprovalRound,
  known: { contract?: Contract; endedHere?: boolean; facts?: ReadonlyArray<{ event: AuditEventDraft; id: string; at?: Date }> } = {},
): Promise<Contract> {
  const contract = known.contract ?? (await deps.contracts.findById(round.contractId));
  if (!contract) throw new AppError(AppErrorCode.NotFound, `Contract ${round.contractRef} no longer exists.`);
  // Facts to record with the contract's move (the deciding decision's event): in the same write
  // when the contract moves, on their own when it does not.
  const facts = known.facts ?? [];
  const recordFacts = async () => {
    if (facts.length > 0) await deps.audit.appendMany(facts.map((f) => ({ ...f, contract })));
  };
  if (contract.status !== 'in_review' || (round.status !== 'approved' && round.status !== 'rejected')) {
    await recordFacts();
    return contract;
  }
  // `endedHere`: this request's claim just ended the round, which was pending. A contract's review
  // is its pending round's (only settling a round takes it out of review, and only a draft or a
  // rejected contract can be submitted again), so no newer round can exist: nothing to look up.
  if (!known.endedHere) {
    const rounds = await deps.approvals.listRoundsForContract(round.contractId);
    if (rounds[rounds.length - 1]?.id !== round.id) {
      await recordFacts();
      return contract;
    }
  }
  const outcome = round.outcomes.find((o) => o.stageIndex === round.currentStage)!;
  const stage = round.stages[round.currentStage]!;
  try {
    return await transitionContract(deps, {
      contractId: contract.id,
      action: round.status === 'approved' ? 'approve' : 'reject',
      actor: outcome.by,
      expectedStatus: 'in_review',
      current: contract,
      ...(facts.length > 0 ? { facts } : {}),
      details: {
        roundId: round.id,
        round: round.round,
        stage: stage.name,
        ...(outcome.reason ? { reason: outcome.reason } : {}),
      },
    });
  } catch (error) {
    // Someone else settled it a moment ago: that is the same result.
    if (isAppError(error) && error.code === AppErrorCode.IllegalTransition) {
      await recordFacts();
      return (await deps.contracts.findById(contract.id)) ?? contract;
    }
    throw error;
  }
}
