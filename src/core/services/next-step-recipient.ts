import { isSameUser, type UserRef } from '../domain/user-ref.js';
import type { DecisionOutcome } from './approval-deps.js';

/**
 * After a decision: who gets the button for the next step, if this decision ended the round —
 * the owner after an approval ("Mark sent for signature"), the requester after a rejection
 * ("Revise and resubmit"). Only the decision whose claim ended the stage gets an answer (the
 * stage outcome records who ended it), so two simultaneous approvals send one message.
 */
export function nextStepRecipient(outcome: DecisionOutcome, stageIndex: number, approver: UserRef): UserRef | undefined {
  const { contract, round } = outcome;
  if (round.status !== 'approved' && round.status !== 'rejected') return undefined;
  const ending = round.outcomes.find((o) => o.stageIndex === stageIndex);
  if (!ending || !isSameUser(ending.by, approver)) return undefined;
  if (contract.status === 'approved') return contract.owner;
  if (contract.status === 'rejected') return contract.requester;
  return undefined;
}
