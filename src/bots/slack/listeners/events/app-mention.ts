import type { App } from '@slack/bolt';
import { z } from 'zod';
import { answerForSlack } from '../../ask/answer-in-slack.js';
import { renderBlockKit } from '../../render/block-kit.js';
import { SLACK_EVENTS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { runForUser } from '../reply.js';

const ZMention = z.object({ channel: z.string().min(1), user: z.string().min(1), text: z.string().default(''), thread_ts: z.string().optional() }).loose();

/**
 * "@Clause which renewals are due?" in a channel. The answer is computed from what the asker may
 * see, so it is shown to the asker only (ephemeral), never to the whole channel.
 */
export function registerAppMention(app: App, deps: SlackHandlerDeps): void {
  app.event(SLACK_EVENTS.appMention, async ({ event, body }) => {
    const parsed = ZMention.safeParse(event);
    if (!parsed.success) return;
    const { channel, user: userId, thread_ts } = parsed.data;
    const question = parsed.data.text.replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ').trim();
    await runForUser(deps, { userId }, 'answer your question', async () => {
      const message = question
        ? await answerForSlack(deps, await deps.users.resolve(userId, (body as { team_id?: string }).team_id), question)
        : { text: 'Ask me about your contracts, e.g. "@Clause which renewals are due in the next 60 days?"' };
      await deps.client.chat.postEphemeral({ channel, user: userId, ...(thread_ts ? { thread_ts } : {}), ...renderBlockKit(message) });
    });
  });
}
