import { webApi } from '@slack/bolt';
import type { Env } from '../../config/env.js';
import type { Logger } from '../../core/ports/logger.js';
import { slackClientOptions } from './slack-client-options.js';
import { SlackChatNotifier } from './slack-notifier.js';

/** Slack's Web API client (SLACK_BOT_TOKEN, SLACK_API_URL) and the notifier that posts through it. */
export interface SlackPlatform {
  client: webApi.WebClient;
  notifier: SlackChatNotifier;
}

/** Sending to Slack needs only the bot token; receiving (the surface) also needs the signing secret or an app token. */
export function slackPlatform(env: Env & { SLACK_BOT_TOKEN: string }, logger: Logger): SlackPlatform {
  const client = new webApi.WebClient(env.SLACK_BOT_TOKEN, slackClientOptions(env, logger));
  return { client, notifier: new SlackChatNotifier(client, logger, { timeoutMs: env.SLACK_POST_TIMEOUT_MS }) };
}
