import { isSameUser, type UserRef } from '../../../../core/domain/user-ref.js';
import type { DecisionOutcome } from '../../../../core/services/approval-deps.js';
import { nextStepMessage } from '../../render/contract-messages.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';

/**
 * The core tells the requester about the outcome; what the adapter adds is the button for the
 * next step: "Mark sent for signature" to the owner after approval, "Revise and resubmit" to the
 * requester after a rejection. Only the request whose claim ended the round sends it (the stage
 * outcome records who ended it), so two simultaneous approvals send one.
 */
export async function sendNextStep(deps: SlackHandlerDeps, outcome: DecisionOutcome, stageIndex: number, approver: UserRef): Promise<void> {
  const { contract, round } = outcome;
  if (round.status !== 'approved' && round.status !== 'rejected') return;
  const ending = round.outcomes.find((o) => o.stageIndex === stageIndex);
  if (!ending || !isSameUser(ending.by, approver)) return;
  if (contract.status !== 'approved' && contract.status !== 'rejected') return;
  const to = contract.status === 'approved' ? contract.owner : contract.requester;
  await deps.ctx.notifier.send({ kind: 'user', user: to }, nextStepMessage(contract, to));
}
