import { App, ExpressReceiver, SocketModeReceiver, type webApi, type AuthorizeResult } from '@slack/bolt';
import type { ChatSurface } from '../chat-surface.js';
import type { Logger } from '../../core/ports/logger.js';
import { boltLogger } from './bolt-logger.js';
import { registerListeners } from './listeners/index.js';
import { slackClientOptions } from './slack-client-options.js';
import { slackErrorSummary } from './slack-notifier.js';
import { SlackUsers } from './slack-users.js';
import { chatRateLimits } from '../../http/rate-limiter.js';
import { eventOncePerId, slackRequestGuard } from './slack-request-guard.js';
import { registerCatchAll } from './listeners/catch-all.js';
import { replyPrivately } from './listeners/reply.js';
import type { SlackContext, SlackHandlerDeps } from './slack-handler-deps.js';
import { ackDiscipline } from './ack-discipline.js';

/** Expired request claims are deleted this often (FerretDB has no TTL indexes). */
const CLAIM_SWEEP_MS = 5 * 60_000;

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
      (r: webApi.AuthTestResponse) => ({
        botToken: token,
        ...(r.bot_id ? { botId: r.bot_id } : {}),
        ...(r.user_id ? { botUserId: r.user_id } : {}),
        ...(r.team_id ? { teamId: r.team_id } : {}),
      }),
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
 * reason logged, when the credentials are not configured. The Web API client and the notifier
 * are the platform's (built by the composition root, as in the worker).
 */
export function slackSurface(): ChatSurface {
  let socketApp: App | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  return {
    name: 'slack',
    async mount(services, { http, env, platforms }) {
      const { SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = env;
      if (!token || !platforms.slack || (!signingSecret && !appToken)) {
        services.logger.info('Slack is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) to turn it on');
        return 'off';
      }
      const ctx: SlackContext = { ...services, env };
      const logger = boltLogger(ctx.logger);
      const clientOptions = slackClientOptions(env, ctx.logger);
      const { client, notifier } = platforms.slack;
      const authorize = cachedAuthorize(client, token, ctx.logger);
      authorize().catch(() => undefined); // warm the cache; a failure is logged and retried later

      const limits = chatRateLimits(env, () => ctx.clock.now().getTime());
      const deps: SlackHandlerDeps = { ctx, client, notifier, users: new SlackUsers(client, ctx.logger), exporter: ctx.exporter, uploads: limits.uploads };
      const claims = ctx.requestClaims;
      sweeper = setInterval(() => {
        claims.sweep().catch((err: unknown) => ctx.logger.warn({ err }, 'expired Slack request claims could not be deleted'));
      }, CLAIM_SWEEP_MS);
      sweeper.unref();
      let app: App;
      // Set once the app exists: answers (and marks) a request nobody acknowledged in 3 s.
      let onUnacknowledged: ReturnType<typeof ackDiscipline> | undefined;
      if (appToken) {
        // Built here rather than by Bolt so its WebClient also honours SLACK_API_URL.
        const receiver = new SocketModeReceiver({ appToken, logger, installerOptions: { clientOptions } });
        // Clause keeps no conversation state in Bolt (its default store costs an Error per event).
        app = new App({ receiver, authorize, logger, clientOptions, convoStore: false });
        // No HTTP request to guard; Slack's redeliveries of an event are still handled once.
        app.use(eventOncePerId(claims, ctx.logger));
      } else {
        // Our guard first (freshness, replay, user, limits; see slack-request-guard.ts), then Bolt.
        http.post(
          SLACK_EVENTS_PATH,
          ...slackRequestGuard({
            signingSecret: signingSecret!,
            clock: ctx.clock,
            logger: ctx.logger,
            claims,
            limits,
            tellUser: (userId, responseUrl, text) => replyPrivately(deps, { userId, responseUrl }, text),
          }),
        );
        const receiver = new ExpressReceiver({
          signingSecret: signingSecret!,
          // Checked by the guard above, against the injected clock and in both directions.
          signatureVerification: false,
          endpoints: SLACK_EVENTS_PATH,
          // The service's own express app: Bolt adds its router (reading the body the guard kept).
          app: http,
          logger,
          // Acknowledge as soon as a listener calls ack(); slow work runs after the response.
          processBeforeResponse: false,
          unhandledRequestHandler: (args) => onUnacknowledged?.(args),
        });
        app = new App({ receiver, authorize, logger, clientOptions, convoStore: false });
      }
      // ack() once, never after Bolt's 3-second timer, and bounded work after it (ack-discipline.ts).
      onUnacknowledged = ackDiscipline(app, ctx.logger);
      registerListeners(app, deps);
      // Registered last: anything Clause does not know is acknowledged and explained.
      registerCatchAll(app, deps);
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
      return 'on';
    },
    async stop() {
      clearInterval(sweeper);
      await socketApp?.stop();
    },
  };
}
