import { channelSettingOrPlayground, slackAdminTargets } from '../config/chat-channels.js';
import type { Env } from '../config/env.js';
import type { Connection } from 'mongoose';
import type { ChatNotifier } from '../core/ports/chat-notifier.js';
import type { Logger } from '../core/ports/logger.js';
import type { RenewalServices } from '../core/ports/services.js';
import type { UserDirectory } from '../core/ports/user-directory.js';
import type { ApprovalDeps } from '../core/services/approval-deps.js';
import type { ContractStoreDeps } from '../core/services/contract-store-deps.js';
import { lazyChartRenderer } from '../infra/charts/lazy-chart-renderer.js';
import { submitForApproval } from '../core/services/submit-for-approval.js';
import { postStageCards } from '../core/services/post-stage-cards.js';
import { withNudgeFallback } from '../core/services/send-nudge-fallback.js';
import { createMongoObligationRepository } from '../infra/mongo/mongo-obligation-repository.js';
import { createMongoOutbox } from '../infra/mongo/mongo-outbox.js';
import { createMongoRenewalRepository } from '../infra/mongo/mongo-renewal-repository.js';
import { deliveryTiming } from './delivery-timing.js';

export type { RenewalServices };

export interface RenewalServicesInput {
  env: Env;
  connection: Connection;
  store: ContractStoreDeps;
  notifier: ChatNotifier;
  users: UserDirectory;
  /** Read per call: tests wrap its repositories. */
  approvals: ApprovalDeps;
  /** Where a nudge that could be reported to no one is logged (see withNudgeFallback). */
  logger?: Logger;
}

/** Renewals, obligations, approval reminders and the digest on the connection (collections and indexes created here). */
export async function openRenewalServices(input: RenewalServicesInput): Promise<RenewalServices> {
  const { env, connection, store, notifier, users, approvals } = input;
  const [renewalRepo, nudges, obligations, obligationReminders, approvalReminders, digests] = await Promise.all([
    createMongoRenewalRepository(connection),
    createMongoOutbox(connection, 'renewal_nudges'),
    createMongoObligationRepository(connection),
    createMongoOutbox(connection, 'obligation_reminders'),
    createMongoOutbox(connection, 'approval_reminders'),
    createMongoOutbox(connection, 'renewal_digests'),
  ]);
  const renewalsChannel = channelSettingOrPlayground(env.SLACK_RENEWALS_CHANNEL, env);
  const admins = slackAdminTargets(env);
  const delivery = deliveryTiming(env);
  // One renderer (loaded on the first chart) for the digest and `contract renewals`.
  const charts = lazyChartRenderer();
  return {
    // A nudge that can never reach its owner (or channel) is reported once to the renewals channel or the admins.
    renewals: withNudgeFallback({
      ...store,
      renewals: renewalRepo,
      nudges,
      notifier,
      users,
      settings: { offsets: env.RENEWAL_NUDGE_OFFSETS, ...(renewalsChannel ? { renewalsChannel } : {}), ...(admins.length > 0 ? { admins } : {}) },
      delivery,
      submitForApproval: async (draft, actor) => (await submitForApproval(approvals, { contractId: draft.id, actor })).contract,
      charts,
      ...(input.logger ? { logger: input.logger.child({ component: 'renewals' }) } : {}),
    }),
    obligations: { ...store, obligations, reminders: obligationReminders, notifier, users, delivery },
    approvalReminders: {
      approvals: approvals.approvals,
      contracts: store.contracts,
      notifier,
      clock: store.clock,
      reminders: approvalReminders,
      delivery,
      ensureStageCards: (contract, round) => postStageCards(approvals, contract, round),
    },
    digest: { renewals: renewalRepo, digests, nudges, notifier, clock: store.clock, delivery, charts },
  };
}
