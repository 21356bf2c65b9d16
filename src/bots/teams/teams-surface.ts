import express from 'express';
import { renewalServicesFor } from '../../app/open-renewals.js';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { AppContext } from '../../app/app-context.js';
import { askServices } from '../../app/ask-services.js';
import type { ChatSurface } from '../../app/chat-surfaces.js';
import type { ChatTarget } from '../../core/ports/chat-notifier.js';
import { MongoConversationReferences } from '../../infra/mongo/mongo-conversation-references.js';
import { MongoFormSubmissions } from '../../infra/mongo/mongo-form-submissions.js';
import { approvalRefresh, refreshForMessage } from './approval-actions.js';
import { createTeamsBot } from './teams-bot.js';
import { TeamsChatNotifier } from './teams-chat-notifier.js';

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

      const adapter = new TeamsAdapter({
        MicrosoftAppId: env.MICROSOFT_APP_ID ?? '',
        MicrosoftAppPassword: env.MICROSOFT_APP_PASSWORD ?? '',
        MicrosoftAppTenantId: env.MICROSOFT_APP_TENANT_ID ?? '',
        MicrosoftAppType: env.MICROSOFT_APP_TYPE,
      });
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
      const bot = createTeamsBot(adapter, { env, logger, store: ctx.store, approvals, references, forms, ask, renewals: () => renewalServicesFor(ctx) }, refresh);
      app.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
        await adapter.process(req, res, (context) => bot.run(context).then(() => undefined));
      });
      logger.info({ authenticated: Boolean(env.MICROSOFT_APP_ID) }, 'Teams is on at POST /api/messages');
      return 'on';
    },
  };
}
