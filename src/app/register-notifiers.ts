import { webApi } from '@slack/bolt';
import { slackClientOptions } from '../bots/slack/slack-client-options.js';
import { SlackChatNotifier } from '../bots/slack/slack-notifier.js';
import type { AppContext } from './app-context.js';

/**
 * Registers the chat notifiers a process needs to *send* (jobs), without mounting any HTTP route
 * or socket: the worker must not receive Slack or Teams events, or they would be handled twice.
 * Slack needs only the bot token. Teams proactive messages need the Teams adapter's
 * conversation references; add its notifier here when it can be built without HTTP.
 */
export function registerSendOnlyNotifiers(ctx: AppContext): Record<string, 'on' | 'off'> {
  const states: Record<string, 'on' | 'off'> = { slack: 'off', teams: 'off' };
  if (ctx.env.SLACK_BOT_TOKEN) {
    const client = new webApi.WebClient(ctx.env.SLACK_BOT_TOKEN, slackClientOptions(ctx.env));
    ctx.notifier.register('slack', new SlackChatNotifier(client, ctx.logger));
    states.slack = 'on';
  }
  return states;
}
