import type { Connection } from 'mongoose';
import type { Env } from '../config/env.js';
import { approvalChannels } from '../config/chat-channels.js';
import type { ApprovalPolicy } from '../core/domain/approval-policy.js';
import type { ChatNotifier } from '../core/ports/chat-notifier.js';
import type { ApprovalDeps } from '../core/services/approval-deps.js';
import type { ContractStoreDeps } from '../core/services/contract-store-deps.js';
import { createMongoApprovalRepository } from '../infra/mongo/mongo-approval-repository.js';
import { createMongoOutbox } from '../infra/mongo/mongo-outbox.js';
import { deliveryTiming } from './delivery-timing.js';
import { loadPolicyFile } from '../infra/policy/load-policy-file.js';

/**
 * The approval engine's dependencies: rounds on MongoDB, the policy (POLICY_FILE), chat through
 * the router, and the approval channels of both platforms (SLACK_APPROVALS_CHANNEL,
 * TEAMS_APPROVALS_CHANNEL).
 */
export async function openApprovals(
  env: Env,
  connection: Connection,
  store: ContractStoreDeps,
  notifier: ChatNotifier,
  /** Already loaded (startService reads it before opening the database); read from POLICY_FILE otherwise. */
  policy?: ApprovalPolicy,
): Promise<ApprovalDeps> {
  return {
    ...store,
    approvals: await createMongoApprovalRepository(connection),
    policy: policy ?? (await loadPolicyFile(env.POLICY_FILE)),
    notifier,
    approvalChannels: approvalChannels(env),
    messages: await createMongoOutbox(connection, 'chat_messages'),
    delivery: deliveryTiming(env),
  };
}
