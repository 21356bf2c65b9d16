import type { webApi } from '@slack/bolt';
import type { Env } from '../../config/env.js';
import type { DocumentExporter } from '../../core/ports/document-exporter.js';
import type { Services } from '../../core/ports/services.js';
import type { SlackChatNotifier } from './slack-notifier.js';
import type { SlackUsers } from './slack-users.js';
import type { TokenBuckets } from '../../http/rate-limiter.js';

/** The services the Slack listeners call, with the settings they read. */
export type SlackContext = Services & { env: Env };

/** What every Slack listener is built from. `ctx.approvals` is read per call (tests may wrap it). */
export interface SlackHandlerDeps {
  ctx: SlackContext;
  client: webApi.WebClient;
  notifier: SlackChatNotifier;
  users: SlackUsers;
  exporter: DocumentExporter;
  /** Contract files per person (RATE_LIMIT_UPLOADS_PER_HOUR); no limit when absent. */
  uploads?: TokenBuckets;
}
