import type { App } from '@slack/bolt';
import { z } from 'zod';
import { answerForSlack } from '../../ask/answer-in-slack.js';
import { ZSlackSharedFile } from '../../ask/download-slack-file.js';
import { importSlackFile } from '../../ask/import-slack-file.js';
import { renderBlockKit } from '../../render/block-kit.js';
import { SLACK_EVENTS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { replyPrivately, runForUser } from '../reply.js';

const ZDirectMessage = z
  .object({
    channel_type: z.literal('im'),
    channel: z.string().min(1),
    user: z.string().min(1),
    text: z.string().default(''),
    subtype: z.string().optional(),
    bot_id: z.string().optional(),
    files: z.array(ZSlackSharedFile).optional(),
  })
  .loose();

/**
 * A DM to Clause: a shared contract file is imported (proposed terms to confirm); any other text
 * is a question. Bot messages and edits are ignored (Clause's own replies arrive here too).
 */
export function registerDirectMessage(app: App, deps: SlackHandlerDeps): void {
  app.event(SLACK_EVENTS.message, async ({ event, body }) => {
    const parsed = ZDirectMessage.safeParse(event);
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.bot_id || (msg.subtype !== undefined && msg.subtype !== 'file_share')) return;
    const teamId = (body as { team_id?: string }).team_id;
    const to = { userId: msg.user };
    if (msg.files?.length) {
      if (deps.uploads && !deps.uploads.take(`slack:${msg.user}`)) {
        deps.ctx.logger.warn({ user: msg.user }, 'Slack upload rate-limited');
        await replyPrivately(deps, to, 'You have sent me many contract files in the last hour; please wait a while before sending more. Nothing was imported.');
        return;
      }
      for (const file of msg.files) {
        await runForUser(deps, to, `import ${file.name}`, async () => {
          const user = await deps.users.resolve(msg.user, teamId);
          await importSlackFile(deps, user, file, msg.channel);
        });
      }
      return;
    }
    const question = msg.text.trim();
    if (!question) return;
    await runForUser(deps, to, 'answer your question', async () => {
      const user = await deps.users.resolve(msg.user, teamId);
      await deps.client.chat.postMessage({ channel: msg.channel, ...renderBlockKit(await answerForSlack(deps, user, question)) });
    });
  });
}
