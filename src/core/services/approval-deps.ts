import type { ApprovalPolicy } from '../domain/approval-policy.js';
import type { ApprovalDecisionKind, ApprovalDecision, ApprovalRound } from '../domain/approval-round.js';
import type { Contract } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import type { ApprovalRepository } from '../ports/approval-repository.js';
import type { ChatNotifier, ChatTarget } from '../ports/chat-notifier.js';
import type { DeliveryTiming, Outbox } from '../ports/outbox.js';
import type { ContractStoreDeps } from './contract-store-deps.js';

/** What the approval services need: the contract store plus rounds, the policy and chat. */
export type ApprovalDeps = ContractStoreDeps & {
  approvals: ApprovalRepository;
  policy: ApprovalPolicy;
  notifier: ChatNotifier;
  /** Channels every approval card is posted to (for stages whose `notify` includes the channel). */
  approvalChannels: ChatTarget[];
  /** Approval cards, the requester's updates and next steps: sent through this outbox (claimed, retried). */
  messages: Outbox;
  delivery: DeliveryTiming;
};

export interface DecideApprovalInput {
  roundId: string;
  stageIndex: number;
  approver: UserRef;
  decision: ApprovalDecisionKind;
  /** Required (non-empty) for a reject. */
  reason?: string;
}

/** What a click did, for the adapter's ephemeral reply. */
export interface DecisionOutcome {
  contract: Contract;
  round: ApprovalRound;
  /** The round's decisions as drawn on its cards after this click (an adapter redraws the clicked card from these, without reading). */
  decisions: ApprovalDecision[];
  recorded: boolean;
  message: string;
}

/** A round waiting on a user (App Home, "what waits on me"). */
export interface PendingApproval {
  contract: Contract;
  round: ApprovalRound;
  stageIndex: number;
  decisions: ApprovalDecision[];
}
