import { webApi } from '@slack/bolt';
import { lazyChartRenderer } from '../infra/charts/lazy-chart-renderer.js';
import type { ChatTarget } from '../core/ports/chat-notifier.js';
import { utcUserDirectory, type UserDirectory } from '../core/ports/user-directory.js';
import type { ApprovalReminderDeps } from '../core/services/run-approval-reminders.js';
import type { ObligationDeps } from '../core/services/obligation-deps.js';
import type { RenewalDeps } from '../core/services/renewal-deps.js';
import type { DigestDeps } from '../core/services/send-renewals-digest.js';
import { submitForApproval } from '../core/services/submit-for-approval.js';
import { postStageCards } from '../core/services/post-stage-cards.js';
import { slackClientOptions } from '../bots/slack/slack-client-options.js';
import { SlackTimeZones } from '../bots/slack/slack-time-zones.js';
import { TeamsTimeZones } from '../bots/teams/teams-time-zones.js';
import { MongoConversationReferences } from '../infra/mongo/mongo-conversation-references.js';
import { createMongoObligationRepository } from '../infra/mongo/mongo-obligation-repository.js';
import { createMongoOutbox } from '../infra/mongo/mongo-outbox.js';
import { createMongoRenewalRepository } from '../infra/mongo/mongo-renewal-repository.js';
import type { AppContext } from './app-context.js';
import { deliveryTiming } from './delivery-timing.js';

/** Renewals, obligations, approval reminders and the digest, as the jobs and the adapters use them. */
export interface RenewalServices {
  renewals: RenewalDeps;
  obligations: ObligationDeps;
  approvalReminders: ApprovalReminderDeps;
  digest: DigestDeps;
}


/** `slack:C0123` / `teams:19:abc@thread.tacv2` (a bare id is taken as Slack). */
export function parseChannelSetting(value: string | undefined): ChatTarget | undefined {
  if (!value) return undefined;
  const m = /^(slack|teams):(.+)$/.exec(value.trim());
  return m ? { kind: 'channel', platform: m[1] as 'slack' | 'teams', channelId: m[2]! } : { kind: 'channel', platform: 'slack', channelId: value.trim() };
}

/** Asks the directory of the user's own platform: Slack's users.info, or what Teams clients reported. */
function userDirectory(ctx: AppContext): UserDirectory {
  const slack = ctx.env.SLACK_BOT_TOKEN ? new SlackTimeZones(new webApi.WebClient(ctx.env.SLACK_BOT_TOKEN, slackClientOptions(ctx.env, ctx.logger)), ctx.logger) : utcUserDirectory;
  const teams = new TeamsTimeZones(new MongoConversationReferences(ctx.connection, ctx.clock));
  return { timeZoneOf: (user) => (user.platform === 'slack' ? slack : user.platform === 'teams' ? teams : utcUserDirectory).timeZoneOf(user) };
}

/** Builds the services on the context's connection (collections and indexes created here). */
export async function openRenewalServices(ctx: AppContext, users: UserDirectory = userDirectory(ctx)): Promise<RenewalServices> {
  const { connection, store, notifier } = ctx;
  const [renewalRepo, nudges, obligations, obligationReminders, approvalReminders, digests] = await Promise.all([
    createMongoRenewalRepository(connection),
    createMongoOutbox(connection, 'renewal_nudges'),
    createMongoObligationRepository(connection),
    createMongoOutbox(connection, 'obligation_reminders'),
    createMongoOutbox(connection, 'approval_reminders'),
    createMongoOutbox(connection, 'renewal_digests'),
  ]);
  const renewalsChannel = parseChannelSetting(ctx.env.SLACK_RENEWALS_CHANNEL);
  const delivery = deliveryTiming(ctx.env);
  return {
    renewals: {
      ...store,
      renewals: renewalRepo,
      nudges,
      notifier,
      users,
      settings: { offsets: ctx.env.RENEWAL_NUDGE_OFFSETS, ...(renewalsChannel ? { renewalsChannel } : {}) },
      delivery,
      // Read per call: tests and surfaces may wrap ctx.approvals.
      submitForApproval: async (draft, actor) => (await submitForApproval(ctx.approvals, { contractId: draft.id, actor })).contract,
    },
    obligations: { ...store, obligations, reminders: obligationReminders, notifier, users, delivery },
    approvalReminders: { approvals: ctx.approvals.approvals, contracts: store.contracts, notifier, clock: store.clock, reminders: approvalReminders, delivery, ensureStageCards: (contract, round) => postStageCards(ctx.approvals, contract, round) },
    digest: { renewals: renewalRepo, digests, nudges, notifier, clock: store.clock, delivery, charts: lazyChartRenderer() },
  };
}

const opened = new WeakMap<AppContext, Promise<RenewalServices>>();

/** One set of services per context, shared by the jobs and the chat adapters' action handlers. */
export function renewalServicesFor(ctx: AppContext): Promise<RenewalServices> {
  let services = opened.get(ctx);
  if (!services) {
    services = openRenewalServices(ctx);
    opened.set(ctx, services);
  }
  return services;
}
