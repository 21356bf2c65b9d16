import { App, ExpressReceiver, SocketModeReceiver, webApi, type AuthorizeResult } from '@slack/bolt';
import type { ChatSurface } from '../../app/chat-surfaces.js';
import { docxExporter } from '../../infra/docx/export-docx.js';
import type { Logger } from '../../infra/logger.js';
import { boltLogger } from './bolt-logger.js';
import { registerListeners } from './listeners/index.js';
import { slackClientOptions } from './slack-client-options.js';
import { SlackChatNotifier, slackErrorSummary } from './slack-notifier.js';
import { SlackUsers } from './slack-users.js';

/** The path Slack posts commands, interactions and events to (the manifest's request URLs). */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Bolt's own token check calls auth.test once at construction and caches even a failure, so a
 * Slack outage at start-up would break the app until a restart. This caches only a success.
 */
function cachedAuthorize(client: webApi.WebClient, token: string, logger: Logger): () => Promise<AuthorizeResult> {
  let cached: Promise<AuthorizeResult> | undefined;
  return () =>
    (cached ??= client.auth.test().then(
      (r: webApi.AuthTestResponse) => ({ botToken: token, ...(r.bot_id ? { botId: r.bot_id } : {}), ...(r.user_id ? { botUserId: r.user_id } : {}), ...(r.team_id ? { teamId: r.team_id } : {}) }),
      (error: unknown) => {
        cached = undefined;
        logger.warn({ err: slackErrorSummary(error) }, 'Slack auth.test failed; will retry on the next request');
        throw error;
      },
    ));
}

/**
 * Slack: Bolt mounted on the service's express app at POST /slack/events (commands,
 * interactivity and events on one URL), or Socket Mode when SLACK_APP_TOKEN is set. Off, with the
 * reason logged, when the credentials are not configured.
 */
export function slackSurface(): ChatSurface {
  let socketApp: App | undefined;
  return {
    name: 'slack',
    async mount(http, ctx) {
      const { SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = ctx.env;
      if (!token || (!signingSecret && !appToken)) {
        ctx.logger.info('Slack is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) to turn it on');
        return 'off';
      }
      const logger = boltLogger(ctx.logger);
      const clientOptions = { ...slackClientOptions(ctx.env), logger };
      const client = new webApi.WebClient(token, clientOptions);
      const authorize = cachedAuthorize(client, token, ctx.logger);
      authorize().catch(() => undefined); // warm the cache; a failure is logged and retried later

      let app: App;
      if (appToken) {
        // Built here rather than by Bolt so its WebClient also honours SLACK_API_URL.
        const receiver = new SocketModeReceiver({ appToken, logger, installerOptions: { clientOptions } });
        app = new App({ receiver, authorize, logger, clientOptions });
      } else {
        const receiver = new ExpressReceiver({
          signingSecret: signingSecret!,
          endpoints: SLACK_EVENTS_PATH,
          // The service's own express app: Bolt adds its router (with its raw-body signature check).
          app: http,
          logger,
          // Acknowledge as soon as a listener calls ack(); slow work runs after the response.
          processBeforeResponse: false,
        });
        app = new App({ receiver, authorize, logger, clientOptions });
      }
      const notifier = new SlackChatNotifier(client, ctx.logger, { timeoutMs: ctx.env.SLACK_POST_TIMEOUT_MS });
      registerListeners(app, { ctx, client, notifier, users: new SlackUsers(client, ctx.logger), exporter: docxExporter });
      app.error(async (error) => {
        ctx.logger.error({ err: error }, 'unhandled error in a Slack listener');
      });
      if (appToken) {
        // Connecting is not awaited: Slack being unreachable must not hold up the service, and the
        // Socket Mode client keeps retrying by itself. Outbound messages work meanwhile.
        socketApp = app;
        app.start().then(
          () => ctx.logger.info('Slack Socket Mode connected'),
          (error: unknown) => ctx.logger.error({ err: slackErrorSummary(error) }, 'Slack Socket Mode could not connect (check SLACK_APP_TOKEN)'),
        );
        ctx.logger.info('Slack is on (Socket Mode)');
      } else {
        ctx.logger.info(`Slack is on: POST ${SLACK_EVENTS_PATH}`);
      }
      ctx.notifier.register('slack', notifier);
      return 'on';
    },
    async stop() {
      await socketApp?.stop();
    },
  };
}
