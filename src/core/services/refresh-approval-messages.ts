import type { ApprovalDecision, ApprovalRound } from '../domain/approval-round.js';
import type { Contract } from '../domain/contract.js';
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

/** What a round's cards are drawn from. */
export interface RoundState {
  round: ApprovalRound;
  decisions: ApprovalDecision[];
  contract: Contract;
}

/**
 * Redraws every posted message of a round from the stored state. After updating, it reads the
 * state again and redraws if it changed meanwhile: concurrent refreshes may finish in any order,
 * but the last one to write has checked that what it wrote was still true.
 *
 * `known` is the state the caller holds after its own writes (drawn without reading it again).
 * With `final`, the caller vouches that the drawing can no longer change — the round was
 * approved or rejected by this request's claim, before the contract was moved (so no resubmission
 * can have started), and ended stages show only the decisions they counted — so no later state
 * can exist to check for: a concurrent refresh drawing older state checks after its own write and
 * redraws this one. Returns the state last drawn (undefined when the round or contract is gone).
 */
export async function refreshApprovalMessages(deps: ApprovalDeps, roundId: string, known?: RoundState & { final?: boolean }): Promise<RoundState | undefined> {
  const read = async () => {
    const round = await deps.approvals.findRound(roundId);
    if (!round) return undefined;
    const [decisions, contract] = await Promise.all([deps.approvals.listDecisions(roundId), deps.contracts.findById(round.contractId)]);
    if (!contract) return undefined;
    return { round, decisions, contract, key: fingerprint(round, decisions, contract.revision) };
  };
  let state = known ? { ...known, key: fingerprint(known.round, known.decisions, known.contract.revision) } : await read();
  for (let pass = 0; state && pass < MAX_PASSES; pass++) {
    const message = approvalCardMessage(state.contract, state.round, state.decisions);
    await Promise.allSettled(state.round.messageRefs.map((ref) => deps.notifier.update(ref, message)));
    if (pass === 0 && known?.final) return known;
    const after = await read();
    if (!after || after.key === state.key) return after ? { round: after.round, decisions: after.decisions, contract: after.contract } : undefined;
    state = after;
  }
  return state ? { round: state.round, decisions: state.decisions, contract: state.contract } : undefined;
}
