import type { Connection } from 'mongoose';
import { deriveRoundState, type ApprovalDecision, type ApprovalRound, type ApprovalStage, type StageOutcome } from '../../core/domain/approval-round.js';
import type { UserRef } from '../../core/domain/user-ref.js';
import type { ApprovalRepository, NewApprovalRound } from '../../core/ports/approval-repository.js';
import type { MessageRef } from '../../core/ports/chat-notifier.js';
import {
  approvalClaimModel,
  approvalDecisionModel,
  approvalMessageModel,
  approvalRoundModel,
  type ApprovalClaimDoc,
  type ApprovalDecisionDoc,
  type ApprovalMessageDoc,
  type ApprovalRoundDoc,
} from './models/approval-models.js';
import { insertClaim, insertManyClaims } from './insert-claim.js';
import { cleanUser } from './contract-doc-mapping.js';

const decisionId = (roundId: string, stage: number, slot: number) => `${roundId}:${stage}:${slot}`;
const stageClaimId = (roundId: string, stage: number) => `${roundId}:${stage}:complete`;
const supersededClaimId = (roundId: string) => `${roundId}:superseded`;

function docToDecision(d: ApprovalDecisionDoc): ApprovalDecision {
  return {
    roundId: d.roundId,
    stageIndex: d.stageIndex,
    slotIndex: d.slotIndex,
    approver: cleanUser(d.approver),
    personId: d.personId,
    decision: d.decision as ApprovalDecision['decision'],
    ...(d.reason ? { reason: d.reason } : {}),
    at: new Date(d.at),
  };
}

function docToOutcome(c: ApprovalClaimDoc): StageOutcome {
  return {
    stageIndex: c.stageIndex!,
    outcome: c.outcome as StageOutcome['outcome'],
    countedSlots: [...(c.countedSlots ?? [])],
    by: cleanUser(c.by),
    ...(c.reason ? { reason: c.reason } : {}),
    at: new Date(c.at),
  };
}

/**
 * Approval rounds on MongoDB/FerretDB. Every exclusive step is an insert with a deterministic
 * `_id` (FerretDB v1 lets concurrent conditional updates through), and a round's progress is
 * derived from those inserted claims on every read instead of being kept in mutable fields.
 */
export class MongoApprovalRepository implements ApprovalRepository {
  constructor(private readonly connection: Connection) {}

  private get Round() {
    return approvalRoundModel(this.connection);
  }
  private get Decision() {
    return approvalDecisionModel(this.connection);
  }
  private get Claim() {
    return approvalClaimModel(this.connection);
  }
  private get Message() {
    return approvalMessageModel(this.connection);
  }

  async createRound(round: NewApprovalRound): Promise<boolean> {
    return insertClaim(() =>
      this.Round.create({
        _id: round.id,
        contractId: round.contractId,
        contractRef: round.contractRef,
        round: round.round,
        contractVersion: round.contractVersion,
        requester: { ...round.requester },
        stages: round.stages,
        createdAt: round.createdAt,
        open: true,
      }),
    );
  }

  async findRound(id: string): Promise<ApprovalRound | null> {
    const doc = await this.Round.findById(id).lean<ApprovalRoundDoc>();
    if (!doc) return null;
    return (await this.assemble([doc]))[0]!;
  }

  async listRoundsForContract(contractId: string): Promise<ApprovalRound[]> {
    const docs = await this.Round.find({ contractId }).lean<ApprovalRoundDoc[]>();
    docs.sort((a, b) => a.round - b.round);
    return this.assemble(docs);
  }

  async listPendingRounds(): Promise<ApprovalRound[]> {
    const docs = await this.Round.find({ open: true }).lean<ApprovalRoundDoc[]>();
    docs.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const rounds = await this.assemble(docs);
    const closed = rounds.filter((r) => r.status !== 'pending').map((r) => r.id);
    // Monotonic hint (open -> closed only), so an unisolated concurrent write cannot reopen it;
    // written here, where it is used, so a click never pays for it.
    if (closed.length > 0) await this.Round.updateMany({ _id: { $in: closed } }, { $set: { open: false } });
    return rounds.filter((r) => r.status === 'pending');
  }

  async addMessageRefs(roundId: string, refs: readonly MessageRef[]): Promise<void> {
    if (refs.length === 0) return;
    const at = new Date();
    const docs = refs.map((ref) => ({ _id: `${roundId}|${ref.platform}|${ref.channelId}|${ref.messageId}`, roundId, ...ref, at }));
    // One unordered insert: a message already remembered fails alone (duplicate id) and is skipped.
    await insertManyClaims(() => this.Message.insertMany(docs, { ordered: false }));
  }

  async recordDecision(d: ApprovalDecision): Promise<boolean> {
    return insertClaim(() =>
      this.Decision.create({
        _id: decisionId(d.roundId, d.stageIndex, d.slotIndex),
        roundId: d.roundId,
        stageIndex: d.stageIndex,
        slotIndex: d.slotIndex,
        approver: { ...d.approver },
        personId: d.personId,
        decision: d.decision,
        ...(d.reason ? { reason: d.reason } : {}),
        at: d.at,
      }),
    );
  }

  async findDecision(roundId: string, stageIndex: number, slotIndex: number): Promise<ApprovalDecision | null> {
    const doc = await this.Decision.findById(decisionId(roundId, stageIndex, slotIndex)).lean<ApprovalDecisionDoc>();
    return doc ? docToDecision(doc) : null;
  }

  async withdrawDecision(roundId: string, stageIndex: number, slotIndex: number): Promise<void> {
    await this.Decision.deleteOne({ _id: decisionId(roundId, stageIndex, slotIndex) });
  }

  async listDecisions(roundId: string): Promise<ApprovalDecision[]> {
    const docs = await this.Decision.find({ roundId }).lean<ApprovalDecisionDoc[]>();
    return docs.map(docToDecision).sort((a, b) => a.stageIndex - b.stageIndex || a.slotIndex - b.slotIndex);
  }

  async claimStageOutcome(roundId: string, o: StageOutcome): Promise<boolean> {
    return insertClaim(() =>
      this.Claim.create({
        _id: stageClaimId(roundId, o.stageIndex),
        roundId,
        kind: 'stage',
        stageIndex: o.stageIndex,
        outcome: o.outcome,
        countedSlots: o.countedSlots,
        by: { ...o.by },
        ...(o.reason ? { reason: o.reason } : {}),
        at: o.at,
      }),
    );
  }

  async supersede(roundId: string, by: UserRef, at: Date): Promise<boolean> {
    return insertClaim(() => this.Claim.create({ _id: supersededClaimId(roundId), roundId, kind: 'superseded', by: { ...by }, at }));
  }

  /** Joins rounds with their claims and messages (FerretDB v1 has no $lookup) and derives the state. */
  private async assemble(docs: ApprovalRoundDoc[]): Promise<ApprovalRound[]> {
    if (docs.length === 0) return [];
    const ids = docs.map((d) => d._id);
    const [claims, messages] = await Promise.all([
      this.Claim.find({ roundId: { $in: ids } }).lean<ApprovalClaimDoc[]>(),
      this.Message.find({ roundId: { $in: ids } }).lean<ApprovalMessageDoc[]>(),
    ]);
    const rounds: ApprovalRound[] = [];
    for (const doc of docs) {
      const mine = claims.filter((c) => c.roundId === doc._id);
      const outcomes = mine
        .filter((c) => c.kind === 'stage')
        .map(docToOutcome)
        .sort((a, b) => a.stageIndex - b.stageIndex);
      const superseded = mine.find((c) => c.kind === 'superseded');
      const stages = doc.stages as ApprovalStage[];
      const state = deriveRoundState(stages, outcomes, new Date(doc.createdAt), superseded ? new Date(superseded.at) : undefined);
      rounds.push({
        id: doc._id,
        contractId: doc.contractId,
        contractRef: doc.contractRef,
        round: doc.round,
        contractVersion: doc.contractVersion,
        requester: cleanUser(doc.requester),
        stages,
        outcomes,
        messageRefs: messages
          .filter((m) => m.roundId === doc._id)
          .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
          .map((m) => ({ platform: m.platform as MessageRef['platform'], channelId: m.channelId, messageId: m.messageId })),
        createdAt: new Date(doc.createdAt),
        ...state,
      });
    }
    return rounds;
  }
}

/** The approval store on one connection, with its indexes in place. Wire it next to createMongoStore. */
export async function createMongoApprovalRepository(connection: Connection): Promise<MongoApprovalRepository> {
  await Promise.all(
    [approvalRoundModel(connection), approvalDecisionModel(connection), approvalClaimModel(connection), approvalMessageModel(connection)].map((m) =>
      m.createIndexes(),
    ),
  );
  return new MongoApprovalRepository(connection);
}
