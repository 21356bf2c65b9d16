import type { UserRef } from '../../../../core/domain/user-ref.js';
import type { DecisionOutcome } from '../../../../core/services/approval-deps.js';
import { nextStepRecipient } from '../../../../core/services/next-step-recipient.js';
import { nextStepMessage } from '../../../../core/views/contract-views.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';

/** The core tells the requester the outcome; the adapter adds the next-step button (see nextStepRecipient). */
export async function sendNextStep(deps: SlackHandlerDeps, outcome: DecisionOutcome, stageIndex: number, approver: UserRef): Promise<void> {
  const to = nextStepRecipient(outcome, stageIndex, approver);
  if (to) await deps.ctx.notifier.send({ kind: 'user', user: to }, nextStepMessage(outcome.contract, to));
}
