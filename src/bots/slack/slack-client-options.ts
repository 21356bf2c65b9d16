import type { webApi } from '@slack/bolt';
import type { Env } from '../../config/env.js';
import type { Logger } from '../../core/ports/logger.js';
import { boltLogger } from './bolt-logger.js';

/**
 * WebClient settings. A 429 is waited out for as long as Slack's Retry-After says and retried;
 * a 5xx or network error is retried three times with a short backoff (the default policy retries
 * for half an hour, far longer than a person waits for a chat answer), then the call fails and
 * the caller logs it. With `logger`, the client logs through it instead of to the console.
 */
export function slackClientOptions(env: Pick<Env, 'SLACK_API_URL'>, logger?: Logger): webApi.WebClientOptions {
  return {
    // The client's own messages (rate limits, retries) go through our logger and its redaction.
    ...(logger ? { logger: boltLogger(logger) } : {}),
    ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/` } : {}),
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2_000, randomize: true },
    timeout: 10_000,
  };
}
