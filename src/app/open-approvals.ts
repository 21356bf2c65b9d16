import type { Connection } from 'mongoose';
import type { Env } from '../config/env.js';
import type { ApprovalPolicy } from '../core/domain/approval-policy.js';
import type { ChatTarget } from '../core/ports/chat-notifier.js';
import type { ApprovalDeps } from '../core/services/approval-deps.js';
import type { ContractStoreDeps } from '../core/services/contract-store-deps.js';
import { createMongoApprovalRepository } from '../infra/mongo/mongo-approval-repository.js';
import { createMongoOutbox } from '../infra/mongo/mongo-outbox.js';
import { deliveryTiming } from './delivery-timing.js';
import { loadPolicyFile } from '../infra/policy/load-policy-file.js';
import type { NotifierRouter } from './notifier-router.js';

/** SLACK_APPROVALS_CHANNEL, one channel id or several separated by commas. */
function slackApprovalChannels(env: Env): ChatTarget[] {
  return (env.SLACK_APPROVALS_CHANNEL ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((channelId) => ({ kind: 'channel', platform: 'slack', channelId }));
}

/** The approval engine's dependencies: rounds on MongoDB, the policy (POLICY_FILE), chat through the router. */
export async function openApprovals(
  env: Env,
  connection: Connection,
  store: ContractStoreDeps,
  notifier: NotifierRouter,
  /** Already loaded (startService reads it before opening the database); read from POLICY_FILE otherwise. */
  policy?: ApprovalPolicy,
): Promise<ApprovalDeps> {
  return {
    ...store,
    approvals: await createMongoApprovalRepository(connection),
    policy: policy ?? (await loadPolicyFile(env.POLICY_FILE)),
    notifier,
    approvalChannels: [...slackApprovalChannels(env)],
    messages: await createMongoOutbox(connection, 'chat_messages'),
    delivery: deliveryTiming(env),
  };
}
