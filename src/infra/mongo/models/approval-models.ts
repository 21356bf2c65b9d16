import { Schema, type Connection, type Model } from 'mongoose';
import { userRefSchema } from './user-ref-schema.js';

/** One submission of a contract. Its progress is not stored here but derived from the claims. */
export interface ApprovalRoundDoc {
  _id: string;
  contractId: string;
  contractRef: string;
  round: number;
  contractVersion: number;
  requester: Record<string, unknown>;
  /** The resolved stages (Mixed: objects holding arrays, never arrays of arrays). */
  stages: unknown[];
  createdAt: Date;
  /** A listing hint only: cleared (never set back) once the round is seen finished. */
  open: boolean;
}

/** A filled slot; `_id` is `round:stage:slot`, so each slot is filled once. */
export interface ApprovalDecisionDoc {
  _id: string;
  roundId: string;
  stageIndex: number;
  slotIndex: number;
  approver: Record<string, unknown>;
  personId: string;
  decision: string;
  reason?: string;
  at: Date;
}

/** An exclusive step: `round:stage:complete` (a stage's outcome) or `round:superseded`. */
export interface ApprovalClaimDoc {
  _id: string;
  roundId: string;
  kind: 'stage' | 'superseded';
  stageIndex?: number;
  outcome?: string;
  countedSlots?: number[];
  by: Record<string, unknown>;
  reason?: string;
  at: Date;
}

/** A posted approval message; one document per message so concurrent adds never lose one. */
export interface ApprovalMessageDoc {
  _id: string;
  roundId: string;
  platform: string;
  channelId: string;
  messageId: string;
  at: Date;
}

const roundSchema = new Schema<ApprovalRoundDoc>(
  {
    _id: { type: String, required: true },
    contractId: { type: String, required: true, index: true },
    contractRef: { type: String, required: true },
    round: { type: Number, required: true },
    contractVersion: { type: Number, required: true },
    requester: { type: userRefSchema, required: true },
    stages: { type: [Schema.Types.Mixed], required: true },
    createdAt: { type: Date, required: true },
    open: { type: Boolean, required: true, index: true },
  },
  { collection: 'approval_rounds', versionKey: false, minimize: false },
);

const decisionSchema = new Schema<ApprovalDecisionDoc>(
  {
    _id: { type: String, required: true },
    roundId: { type: String, required: true, index: true },
    stageIndex: { type: Number, required: true },
    slotIndex: { type: Number, required: true },
    approver: { type: userRefSchema, required: true },
    personId: { type: String, required: true },
    decision: { type: String, required: true },
    reason: String,
    at: { type: Date, required: true },
  },
  { collection: 'approval_decisions', versionKey: false },
);

const claimSchema = new Schema<ApprovalClaimDoc>(
  {
    _id: { type: String, required: true },
    roundId: { type: String, required: true, index: true },
    kind: { type: String, required: true },
    stageIndex: Number,
    outcome: String,
    countedSlots: [Number],
    by: { type: userRefSchema, required: true },
    reason: String,
    at: { type: Date, required: true },
  },
  { collection: 'approval_claims', versionKey: false },
);

const messageSchema = new Schema<ApprovalMessageDoc>(
  {
    _id: { type: String, required: true },
    roundId: { type: String, required: true, index: true },
    platform: { type: String, required: true },
    channelId: { type: String, required: true },
    messageId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'approval_messages', versionKey: false },
);

function model<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

export const approvalRoundModel = (c: Connection) => model(c, 'ApprovalRound', roundSchema);
export const approvalDecisionModel = (c: Connection) => model(c, 'ApprovalDecision', decisionSchema);
export const approvalClaimModel = (c: Connection) => model(c, 'ApprovalClaim', claimSchema);
export const approvalMessageModel = (c: Connection) => model(c, 'ApprovalMessage', messageSchema);
