import type { UserRef } from '../../../core/domain/user-ref.js';
import { askQuestion } from '../../../core/interactions/run-command.js';
import type { ChatMessage } from '../../../core/views/chat-message.js';
import { slackInteractionDeps } from '../interactions/slack-interactions.js';
import type { SlackHandlerDeps } from '../slack-handler-deps.js';

/** A question in a DM or a mention: the same Ask handler as `/contract ask` (core/interactions). */
export async function answerForSlack(deps: SlackHandlerDeps, user: UserRef, question: string): Promise<ChatMessage> {
  return askQuestion(slackInteractionDeps(deps), { user, person: async () => undefined }, question);
}
