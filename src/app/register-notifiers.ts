import { webApi } from '@slack/bolt';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { slackClientOptions } from '../bots/slack/slack-client-options.js';
import { SlackChatNotifier } from '../bots/slack/slack-notifier.js';
import { approvalRefresh, refreshForMessage } from '../bots/teams/approval-actions.js';
import { TeamsChatNotifier } from '../bots/teams/teams-chat-notifier.js';
import { MongoConversationReferences } from '../infra/mongo/mongo-conversation-references.js';
import type { AppContext } from './app-context.js';

/**
 * Registers the chat notifiers a process needs to *send* (the worker's jobs), without mounting any
 * HTTP route or socket: the worker must not receive Slack or Teams events, or they would be
 * handled twice. Slack needs only the bot token; Teams proactive messages need the app
 * credentials and the conversation references the web process stores (same database).
 */
export async function registerSendOnlyNotifiers(ctx: AppContext): Promise<Record<string, 'on' | 'off'>> {
  const { env, logger } = ctx;
  const states: Record<string, 'on' | 'off'> = { slack: 'off', teams: 'off' };
  if (env.SLACK_BOT_TOKEN) {
    const client = new webApi.WebClient(env.SLACK_BOT_TOKEN, slackClientOptions(env, logger));
    ctx.notifier.register('slack', new SlackChatNotifier(client, logger, { timeoutMs: env.SLACK_POST_TIMEOUT_MS }));
    states.slack = 'on';
  }
  if (env.MICROSOFT_APP_ID) {
    const adapter = new TeamsAdapter({
      MicrosoftAppId: env.MICROSOFT_APP_ID,
      MicrosoftAppPassword: env.MICROSOFT_APP_PASSWORD ?? '',
      MicrosoftAppTenantId: env.MICROSOFT_APP_TENANT_ID ?? '',
      MicrosoftAppType: env.MICROSOFT_APP_TYPE,
    });
    const references = new MongoConversationReferences(ctx.connection, ctx.clock);
    await references.init();
    const refresh = refreshForMessage(approvalRefresh(ctx.approvals, references));
    ctx.notifier.register('teams', new TeamsChatNotifier(adapter, env.MICROSOFT_APP_ID, references, logger, refresh));
    states.teams = 'on';
  }
  return states;
}
