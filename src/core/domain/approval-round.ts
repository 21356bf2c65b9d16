import type { MessageRef } from '../ports/chat-notifier.js';
import type { UserRef } from './user-ref.js';

/** A policy person as snapshotted into a round: name for display, platform identities to match clicks. */
export interface ApproverPerson {
  personId: string;
  name: string;
  email?: string;
  /** The person's Slack and/or Teams identities (see approver-identity.ts). */
  users: UserRef[];
}

/** One decision a stage needs: a named person, or a group any one member may fill. */
export interface ApprovalSlot {
  label: string;
  source: { kind: 'person'; personId: string } | { kind: 'group'; groupId: string };
  candidates: ApproverPerson[];
}

type NotifyMode = 'channel' | 'dm' | 'both';

/** A stage resolved from the policy at submit time, so later policy edits never change a running round. */
export interface ApprovalStage {
  name: string;
  slots: ApprovalSlot[];
  /** Approvals needed to complete the stage (`all` = slots.length, `any` = 1). */
  required: number;
  require: 'all' | 'any' | number;
  notify: NotifyMode;
  slaHours?: number;
  escalateAfterHours?: number;
  escalateTo?: ApproverPerson;
}

export type ApprovalDecisionKind = 'approve' | 'reject';

/** One filled slot. Stored with the unique id `round:stage:slot`, so a slot is filled exactly once. */
export interface ApprovalDecision {
  roundId: string;
  stageIndex: number;
  slotIndex: number;
  approver: UserRef;
  /** The policy person the clicking user was matched to. */
  personId: string;
  decision: ApprovalDecisionKind;
  reason?: string;
  at: Date;
}

/**
 * How a stage ended, stored with the unique id `round:stage:complete`. Approval and rejection
 * claim the same id, so a completing approval and a reject at the same moment cannot both win.
 */
export interface StageOutcome {
  stageIndex: number;
  outcome: 'approved' | 'rejected';
  /** The slots whose decisions the claimer saw; a decision not among them came too late. */
  countedSlots: number[];
  by: UserRef;
  reason?: string;
  at: Date;
}

type ApprovalRoundStatus = 'pending' | 'approved' | 'rejected' | 'superseded';

/** One submission of a contract for approval. `currentStage`/`status` are derived from the claims. */
export interface ApprovalRound {
  id: string;
  contractId: string;
  contractRef: string;
  /** 1 for the first submission, 2 after the first resubmission, … */
  round: number;
  /** The contract version that was submitted. */
  contractVersion: number;
  requester: UserRef;
  stages: ApprovalStage[];
  currentStage: number;
  status: ApprovalRoundStatus;
  /** Every posted approval message (channels and DMs, all stages), updated in place. */
  messageRefs: MessageRef[];
  outcomes: StageOutcome[];
  createdAt: Date;
  stageStartedAt: Date;
  finishedAt?: Date;
}

/** Derives the round's position and status from its stage outcomes (the only source of truth). */
export function deriveRoundState(
  stages: readonly ApprovalStage[],
  outcomes: readonly StageOutcome[],
  createdAt: Date,
  supersededAt?: Date,
): Pick<ApprovalRound, 'currentStage' | 'status' | 'stageStartedAt' | 'finishedAt'> {
  const byStage = new Map(outcomes.map((o) => [o.stageIndex, o]));
  let stage = 0;
  let stageStartedAt = createdAt;
  for (; stage < stages.length; stage++) {
    const outcome = byStage.get(stage);
    if (!outcome) break;
    if (outcome.outcome === 'rejected') {
      return { currentStage: stage, status: supersededAt ? 'superseded' : 'rejected', stageStartedAt, finishedAt: outcome.at };
    }
    if (stage === stages.length - 1) {
      return { currentStage: stage, status: supersededAt ? 'superseded' : 'approved', stageStartedAt, finishedAt: outcome.at };
    }
    stageStartedAt = outcome.at;
  }
  if (supersededAt) return { currentStage: stage, status: 'superseded', stageStartedAt, finishedAt: supersededAt };
  return { currentStage: stage, status: 'pending', stageStartedAt };
}

/**
 * The round after this request's claim of a stage outcome won: the same derivation the store
 * makes on a read, without the read (the claim is the only new fact this request knows of).
 */
export function roundWithOutcome(round: ApprovalRound, outcome: StageOutcome): ApprovalRound {
  const outcomes = [...round.outcomes.filter((o) => o.stageIndex !== outcome.stageIndex), outcome].sort((a, b) => a.stageIndex - b.stageIndex);
  const { finishedAt: _previous, ...rest } = round;
  return { ...rest, outcomes, ...deriveRoundState(round.stages, outcomes, round.createdAt) };
}

/** A round just created (no outcomes, no messages yet), as a read of it would return it. */
export function newRound(
  round: Pick<ApprovalRound, 'id' | 'contractId' | 'contractRef' | 'round' | 'contractVersion' | 'requester' | 'stages' | 'createdAt'>,
): ApprovalRound {
  return { ...round, outcomes: [], messageRefs: [], ...deriveRoundState(round.stages, [], round.createdAt) };
}

/**
 * Whether the decisions seen end a stage: any reject ends it rejected (one veto is enough, also in
 * N-of-M stages); otherwise `required` approvals end it approved. Monotonic: more decisions never
 * take a verdict away, which is what lets a late decision detect that it came too late.
 */
export function evaluateStage(
  stage: ApprovalStage,
  stageIndex: number,
  decisions: readonly ApprovalDecision[],
): Pick<StageOutcome, 'outcome' | 'countedSlots' | 'reason'> | undefined {
  const mine = decisions.filter((d) => d.stageIndex === stageIndex);
  const countedSlots = mine.map((d) => d.slotIndex).sort((a, b) => a - b);
  const reject = [...mine].sort((a, b) => a.at.getTime() - b.at.getTime()).find((d) => d.decision === 'reject');
  if (reject) return { outcome: 'rejected', countedSlots, ...(reject.reason ? { reason: reject.reason } : {}) };
  const approvals = mine.filter((d) => d.decision === 'approve').length;
  return approvals >= stage.required ? { outcome: 'approved', countedSlots } : undefined;
}
