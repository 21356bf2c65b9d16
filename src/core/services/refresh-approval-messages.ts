import type { ApprovalDecision, ApprovalRound } from '../domain/approval-round.js';
import { approvalCardMessage } from '../views/approval-card.js';
import type { ApprovalDeps } from './approval-deps.js';

const MAX_PASSES = 5;

function fingerprint(round: ApprovalRound, decisions: readonly ApprovalDecision[], contractRevision: number): string {
  return JSON.stringify([
    round.status,
    round.currentStage,
    round.outcomes.map((o) => [o.stageIndex, o.outcome]),
    decisions.map((d) => [d.stageIndex, d.slotIndex, d.decision]),
    round.messageRefs.length,
    contractRevision,
  ]);
}

/**
 * Redraws every posted message of a round from the stored state. After updating, it reads the
 * state again and redraws if it changed meanwhile: concurrent refreshes may finish in any order,
 * but the last one to write has checked that what it wrote was still true.
 */
export async function refreshApprovalMessages(deps: ApprovalDeps, roundId: string): Promise<void> {
  const read = async () => {
    const round = await deps.approvals.findRound(roundId);
    if (!round) return undefined;
    const [decisions, contract] = await Promise.all([deps.approvals.listDecisions(roundId), deps.contracts.findById(round.contractId)]);
    if (!contract) return undefined;
    return { round, decisions, contract, key: fingerprint(round, decisions, contract.revision) };
  };
  let state = await read();
  for (let pass = 0; state && pass < MAX_PASSES; pass++) {
    const message = approvalCardMessage(state.contract, state.round, state.decisions);
    await Promise.allSettled(state.round.messageRefs.map((ref) => deps.notifier.update(ref, message)));
    const after = await read();
    if (!after || after.key === state.key) return;
    state = after;
  }
}
