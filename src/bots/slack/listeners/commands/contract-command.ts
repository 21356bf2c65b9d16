import type { App } from '@slack/bolt';
import { runCommandText } from '../../../../core/interactions/run-command.js';
import { SLACK_COMMANDS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { showSlackResult, slackActor, slackInteractionDeps, SLACK_SURFACE } from '../../interactions/slack-interactions.js';
import { runForUser, type ReplyTo } from '../reply.js';
import { decodeSlackCommandText } from './parse-contract-command.js';

/** `/contract …`: acknowledged at once; the one command grammar (core/interactions) answers after. */
export function registerContractCommand(app: App, deps: SlackHandlerDeps): void {
  app.command(SLACK_COMMANDS.contract, async ({ command, ack }) => {
    await ack();
    const to: ReplyTo = { userId: command.user_id, responseUrl: command.response_url };
    const { text, mentionedId } = decodeSlackCommandText(command.text);
    await runForUser(deps, to, `run /contract ${text.split(/\s+/)[0] ?? ''}`.trim(), async () => {
      const actor = await slackActor(deps, command.user_id, command.team_id);
      const result = await runCommandText(slackInteractionDeps(deps), actor, SLACK_SURFACE, text, mentionedId ? { mentionedId } : {});
      // The trigger id expires three seconds after the command; a form result is opened at once.
      await showSlackResult(deps, result, { to, teamId: command.team_id, triggerId: command.trigger_id, channelId: command.channel_id });
    });
  });
}
