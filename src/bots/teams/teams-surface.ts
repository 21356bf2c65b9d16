import express from 'express';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { ChatSurface } from '../chat-surface.js';
import { createTeamsBot } from './teams-bot.js';
import { installOpenIdMetadata, OPENID_FETCH_TIMEOUT_MS, precheckBearer } from './teams-auth.js';
import { parseIncomingActivity } from './incoming-activity.js';
import { refuse } from '../../http/create-http-app.js';
import { chatRateLimits, clientIp } from '../../http/rate-limiter.js';
import { respondWithMessage } from './invoke-response.js';

/** Largest activity accepted: Teams caps a message at about 100 KB; cards and their data are smaller. */
const TEAMS_BODY_LIMIT = '256kb';
const SLOW_DOWN = 'You are sending me messages faster than I can take them; please wait a minute and try again. Nothing was changed.';

/** The token check, bounded: a key server that hangs refuses the request rather than holding it. */
function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Microsoft Teams at `POST /api/messages`: botbuilder's CloudAdapter (teams-ai's TeamsAdapter,
 * on ConfigurationBotFrameworkAuthentication) checks each request's Bot Framework token and the
 * teams-ai Application routes it. Off without MICROSOFT_APP_ID, because botbuilder without an app
 * id accepts unauthenticated requests; TEAMS_ALLOW_UNAUTHENTICATED turns that mode on for local
 * testing against an emulator. The adapter, the notifier and the approval-card refresh are the
 * platform's (built by the composition root, as in the worker).
 */
export function teamsSurface(): ChatSurface {
  return {
    name: 'teams',
    async mount(services, { http: app, env, platforms }) {
      const { logger } = services;
      if ((!env.MICROSOFT_APP_ID && !env.TEAMS_ALLOW_UNAUTHENTICATED) || !platforms.teams) {
        logger.info('Teams is off: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to turn it on');
        return 'off';
      }
      if (!env.MICROSOFT_APP_ID) logger.warn('Teams is on WITHOUT authentication (TEAMS_ALLOW_UNAUTHENTICATED): for local testing only');

      // Our key cache (timeout, background refresh) where botbuilder's token validation looks it up.
      const metadata = env.MICROSOFT_APP_ID ? installOpenIdMetadata(env, services.clock, logger) : [];
      metadata[0]?.refreshInBackground();
      const { adapter, refresh } = platforms.teams;
      adapter.onTurnError = async (context, error) => {
        logger.error({ err: error, activityType: context.activity.type }, 'Teams turn failed');
        if (context.activity.type === 'message') {
          await context.sendActivity('Something went wrong on my side; nothing was changed. Please try again.').catch(() => undefined);
        }
      };

      const limits = chatRateLimits(env, () => services.clock.now().getTime());
      const bot = createTeamsBot(
        adapter,
        {
          env,
          logger,
          store: services.store,
          approvals: services.approvals,
          references: services.references,
          forms: services.forms,
          download: services.download,
          ask: () => services.askServices(),
          renewals: async () => services,
          uploads: limits.uploads,
        },
        refresh,
      );
      const slowDown = async (context: TurnContext) => {
        if (context.activity.type === ActivityTypes.Invoke) await respondWithMessage(context, SLOW_DOWN);
        else if (context.activity.type === ActivityTypes.Message) await context.sendActivity(SLOW_DOWN);
      };
      app.post(
        '/api/messages',
        (req, res, next) =>
          limits.perIp.take(clientIp(req)) ? next() : refuse(logger, req, res, 429, 'too many requests from this address', { ip: clientIp(req) }),
        express.json({ limit: TEAMS_BODY_LIMIT }),
        async (req, res, next) => {
          const parsed = parseIncomingActivity(req.body);
          if (!parsed.ok) return refuse(logger, req, res, 400, parsed.problem);
          const activity = parsed.activity;
          const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
          // JWT validity uses real time (the token's exp/nbf are wall-clock times, as botbuilder checks them).
          const problem = env.MICROSOFT_APP_ID ? precheckBearer(authHeader, Date.now()) : undefined;
          if (problem) return refuse(logger, req, res, 401, `Bot Framework token refused: ${problem}`, { activityType: activity.type });
          let auth;
          try {
            auth = await withTimeout(adapter.authenticate(activity, authHeader), 2 * OPENID_FETCH_TIMEOUT_MS + 500, 'the token check');
          } catch (error) {
            // Whatever went wrong (bad token, unknown key, key server down): 401, and the cause in the log.
            return refuse(logger, req, res, 401, `Bot Framework token refused: ${error instanceof Error ? error.message : String(error)}`, {
              activityType: activity.type,
            });
          }
          const who = activity.from.aadObjectId ?? activity.from.id;
          const limited = !limits.perUser.take(`teams:${who}`);
          if (limited) logger.warn({ user: who, activityType: activity.type }, 'Teams user rate-limited');
          try {
            const logic = limited
              ? (context: TurnContext) =>
                  limits.warned.take(`teams:${who}`) || context.activity.type === ActivityTypes.Invoke ? slowDown(context) : Promise.resolve()
              : (context: TurnContext) => bot.run(context).then(() => undefined);
            const invokeResponse = await adapter.runAuthenticated(auth, activity, logic);
            res.status(invokeResponse?.status ?? 200);
            if (invokeResponse?.body !== undefined) res.json(invokeResponse.body);
            else res.end();
          } catch (error) {
            next(error);
          }
        },
      );
      logger.info({ authenticated: Boolean(env.MICROSOFT_APP_ID) }, 'Teams is on at POST /api/messages');
      return 'on';
    },
  };
}
