import type { UserRef } from '../../../core/domain/user-ref.js';
import { answerQuestion } from '../../../core/services/answer-question.js';
import { answerMessage } from '../../../core/views/answer-message.js';
import type { ChatMessage } from '../../../core/views/chat-message.js';
import { slackAskServices } from './slack-ask-services.js';
import type { SlackHandlerDeps } from '../slack-handler-deps.js';

/** Answers a question for this user (only from contracts they may see) as a neutral message. */
export async function answerForSlack(deps: SlackHandlerDeps, user: UserRef, question: string): Promise<ChatMessage> {
  const services = await slackAskServices(deps);
  return answerMessage(await answerQuestion(services.ask, { user, question }));
}
