import type { ApprovalDecision, ApprovalRound, StageOutcome } from '../domain/approval-round.js';
import type { UserRef } from '../domain/user-ref.js';
import type { MessageRef } from './chat-notifier.js';

export type NewApprovalRound = Pick<ApprovalRound, 'id' | 'contractId' | 'contractRef' | 'round' | 'contractVersion' | 'requester' | 'stages' | 'createdAt'>;

/**
 * Approval rounds, decisions and claims. Every exclusive step is an insert with a deterministic
 * unique id (FerretDB v1 does not isolate conditional updates); the methods returning a boolean
 * say whether this call's insert won.
 */
export interface ApprovalRepository {
  /** Inserts the round; false when a round with this id already exists. */
  createRound(round: NewApprovalRound): Promise<boolean>;
  findRound(id: string): Promise<ApprovalRound | null>;
  /** All rounds of a contract, oldest first. */
  listRoundsForContract(contractId: string): Promise<ApprovalRound[]>;
  /** Rounds that are still pending. */
  listPendingRounds(): Promise<ApprovalRound[]>;
  /** Remembers posted approval messages (idempotent per message). */
  addMessageRefs(roundId: string, refs: readonly MessageRef[]): Promise<void>;
  /** Fills a slot: insert with id `round:stage:slot`. False when the slot is already filled. */
  recordDecision(decision: ApprovalDecision): Promise<boolean>;
  /** The decision in one slot, if any. */
  findDecision(roundId: string, stageIndex: number, slotIndex: number): Promise<ApprovalDecision | null>;
  /** Removes a decision this caller recorded that arrived after its stage had ended. */
  withdrawDecision(roundId: string, stageIndex: number, slotIndex: number): Promise<void>;
  /** All decisions of a round, in stage and slot order. */
  listDecisions(roundId: string): Promise<ApprovalDecision[]>;
  /** Ends a stage: insert with id `round:stage:complete`. False when the stage had already ended. */
  claimStageOutcome(roundId: string, outcome: StageOutcome): Promise<boolean>;
  /** Marks a round superseded by a resubmission: insert with id `round:superseded`. */
  supersede(roundId: string, by: UserRef, at: Date): Promise<boolean>;
}
