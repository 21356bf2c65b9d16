import { isAppError } from '../../../core/errors.js';
import type { ChatMessage } from '../../../core/views/chat-message.js';
import { renderBlockKit } from '../render/block-kit.js';
import { slackErrorSummary } from '../slack-notifier.js';
import type { SlackHandlerDeps } from '../slack-handler-deps.js';

/** Who to answer and how: the interaction's response_url when there is one, else a DM. */
export interface ReplyTo {
  userId: string;
  responseUrl?: string | undefined;
}

async function postResponseUrl(url: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/**
 * Tells only the person who acted (ephemeral through response_url; a DM when the interaction has
 * none, e.g. a click on the Home tab). Delivery problems are logged, never thrown.
 */
export async function replyPrivately(deps: SlackHandlerDeps, to: ReplyTo, message: ChatMessage | string): Promise<void> {
  const payload = renderBlockKit(typeof message === 'string' ? { text: message } : message);
  try {
    if (to.responseUrl) {
      await postResponseUrl(to.responseUrl, { response_type: 'ephemeral', replace_original: false, ...payload });
      return;
    }
    const channel = await deps.notifier.dmChannel(to.userId);
    await deps.client.chat.postMessage({ channel, ...payload });
  } catch (error) {
    deps.ctx.logger.warn({ err: slackErrorSummary(error), user: to.userId }, 'Slack reply could not be delivered');
  }
}

/** Replaces the message a button sat on (so a used button cannot be clicked again). */
export async function replaceOriginal(deps: SlackHandlerDeps, responseUrl: string | undefined, message: ChatMessage): Promise<void> {
  if (!responseUrl) return;
  try {
    await postResponseUrl(responseUrl, { replace_original: true, ...renderBlockKit(message) });
  } catch (error) {
    deps.ctx.logger.warn({ err: slackErrorSummary(error) }, 'Slack message could not be replaced');
  }
}

/**
 * Runs the slow part of a listener (after ack). An AppError is the core refusing with a reason
 * the user should read; anything else is a bug: logged, and the user gets a short apology.
 */
export async function runForUser(deps: SlackHandlerDeps, to: ReplyTo, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (isAppError(error)) {
      await replyPrivately(deps, to, error.message);
      return;
    }
    deps.ctx.logger.error({ err: error, user: to.userId }, `Slack ${what} failed`);
    await replyPrivately(deps, to, `Sorry, something went wrong while trying to ${what}. Nothing you did caused it; please try again in a moment.`);
  }
}
