import express from 'express';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { renewalServicesFor } from '../../app/open-renewals.js';
import type { AppContext } from '../../app/app-context.js';
import { askServices } from '../../app/ask-services.js';
import type { ChatSurface } from '../../app/chat-surfaces.js';
import type { ChatTarget } from '../../core/ports/chat-notifier.js';
import { MongoConversationReferences } from '../../infra/mongo/mongo-conversation-references.js';
import { MongoFormSubmissions } from '../../infra/mongo/mongo-form-submissions.js';
import { approvalRefresh, refreshForMessage } from './approval-actions.js';
import { createTeamsBot } from './teams-bot.js';
import { TeamsChatNotifier } from './teams-chat-notifier.js';
import { ClauseTeamsAdapter } from './clause-teams-adapter.js';
import { botFrameworkAuthConfig, installOpenIdMetadata, OPENID_FETCH_TIMEOUT_MS, precheckBearer, tokenEndpointCredentials } from './teams-auth.js';
import { parseIncomingActivity } from './incoming-activity.js';
import { refuse } from '../../http/create-http-app.js';
import { chatRateLimits, clientIp } from '../../http/rate-limiter.js';
import { respondWithMessage } from './invoke-response.js';

/** Largest activity accepted: Teams caps a message at about 100 KB; cards and their data are smaller. */
export const TEAMS_BODY_LIMIT = '256kb';
const SLOW_DOWN = 'You are sending me messages faster than I can take them; please wait a minute and try again. Nothing was changed.';

/** The token check, bounded: a key server that hangs refuses the request rather than holding it. */
function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** TEAMS_APPROVALS_CHANNEL: Teams channel ids, comma-separated. */
function teamsApprovalChannels(value: string | undefined): ChatTarget[] {
  return (value ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((channelId) => ({ kind: 'channel', platform: 'teams', channelId }));
}

/**
 * Microsoft Teams at `POST /api/messages`: botbuilder's CloudAdapter (teams-ai's TeamsAdapter,
 * on ConfigurationBotFrameworkAuthentication) checks each request's Bot Framework token and the
 * teams-ai Application routes it. Off without MICROSOFT_APP_ID, because botbuilder without an app
 * id accepts unauthenticated requests; TEAMS_ALLOW_UNAUTHENTICATED turns that mode on for local
 * testing against an emulator.
 */
export function teamsSurface(): ChatSurface {
  return {
    name: 'teams',
    async mount(app, ctx: AppContext) {
      const { env, logger } = ctx;
      if (!env.MICROSOFT_APP_ID && !env.TEAMS_ALLOW_UNAUTHENTICATED) {
        logger.info('Teams is off: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to turn it on');
        return 'off';
      }
      if (!env.MICROSOFT_APP_ID) logger.warn('Teams is on WITHOUT authentication (TEAMS_ALLOW_UNAUTHENTICATED): for local testing only');

      // Our key cache (timeout, background refresh) where botbuilder's token validation looks it up.
      const metadata = env.MICROSOFT_APP_ID ? installOpenIdMetadata(env, ctx.clock, logger) : [];
      metadata[0]?.refreshInBackground();
      const adapter = new ClauseTeamsAdapter(botFrameworkAuthConfig(env), tokenEndpointCredentials(env));
      adapter.onTurnError = async (context, error) => {
        logger.error({ err: error, activityType: context.activity.type }, 'Teams turn failed');
        if (context.activity.type === 'message') {
          await context.sendActivity('Something went wrong on my side; nothing was changed. Please try again.').catch(() => undefined);
        }
      };

      const references = new MongoConversationReferences(ctx.connection, ctx.clock);
      await references.init();
      const forms = new MongoFormSubmissions(ctx.connection, ctx.clock);
      const approvals = ctx.approvals;
      approvals.approvalChannels.push(...teamsApprovalChannels(env.TEAMS_APPROVALS_CHANNEL));
      const refresh = approvalRefresh(approvals, references);
      ctx.notifier.register('teams', new TeamsChatNotifier(adapter, env.MICROSOFT_APP_ID ?? '', references, logger, refreshForMessage(refresh)));

      const ask = () => askServices({ env, logger, clock: ctx.clock, connection: ctx.connection, store: ctx.store });
      const limits = chatRateLimits(env, () => ctx.clock.now().getTime());
      const bot = createTeamsBot(adapter, { env, logger, store: ctx.store, approvals, references, forms, ask, renewals: () => renewalServicesFor(ctx), uploads: limits.uploads }, refresh);
      const slowDown = async (context: TurnContext) => {
        if (context.activity.type === ActivityTypes.Invoke) await respondWithMessage(context, SLOW_DOWN);
        else if (context.activity.type === ActivityTypes.Message) await context.sendActivity(SLOW_DOWN);
      };
      app.post(
        '/api/messages',
        (req, res, next) => (limits.perIp.take(clientIp(req)) ? next() : refuse(logger, req, res, 429, 'too many requests from this address', { ip: clientIp(req) })),
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
            return refuse(logger, req, res, 401, `Bot Framework token refused: ${error instanceof Error ? error.message : String(error)}`, { activityType: activity.type });
          }
          const who = activity.from.aadObjectId ?? activity.from.id;
          const limited = !limits.perUser.take(`teams:${who}`);
          if (limited) logger.warn({ user: who, activityType: activity.type }, 'Teams user rate-limited');
          try {
            const logic = limited
              ? (context: TurnContext) => (limits.warned.take(`teams:${who}`) || context.activity.type === ActivityTypes.Invoke ? slowDown(context) : Promise.resolve())
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
