import { Schema, type Connection, type Model } from 'mongoose';
import { userRefSchema } from './user-ref-schema.js';

/** A contract's text; `_id` is the contract id (one document per contract, replaced by a re-upload). */
export interface ContractDocumentDoc {
  _id: string;
  contractId: string;
  fileName: string;
  mime: string;
  text: string;
  /** Clause segments with offsets (Mixed objects; never arrays of arrays). */
  sections: unknown[];
  createdAt: Date;
}

/** A pending proposal of terms read from an upload; `_id` is the proposal id (the insert is the claim). */
export interface TermProposalDoc {
  _id: string;
  proposedBy: Record<string, unknown>;
  fileName: string;
  kind: string;
  mime: string;
  text: string;
  sections: unknown[];
  terms: Record<string, unknown>;
  sources: Record<string, unknown>;
  extractorNote?: string;
  targetContractId?: string;
  createdAt: Date;
}

/** The confirmation of a proposal; `_id` is the proposal id, so a proposal is confirmed once. */
export interface TermConfirmationDoc {
  _id: string;
  by: Record<string, unknown>;
  at: Date;
  terms: Record<string, unknown>;
}

const documentSchema = new Schema<ContractDocumentDoc>(
  {
    _id: { type: String, required: true },
    contractId: { type: String, required: true, index: true },
    fileName: { type: String, required: true },
    mime: { type: String, required: true },
    text: { type: String, required: true },
    sections: { type: [Schema.Types.Mixed], default: [] },
    createdAt: { type: Date, required: true },
  },
  { collection: 'contract_documents', versionKey: false, minimize: false },
);

const proposalSchema = new Schema<TermProposalDoc>(
  {
    _id: { type: String, required: true },
    proposedBy: { type: userRefSchema, required: true },
    fileName: { type: String, required: true },
    kind: { type: String, required: true },
    mime: { type: String, required: true },
    text: { type: String, required: true },
    sections: { type: [Schema.Types.Mixed], default: [] },
    terms: { type: Schema.Types.Mixed, default: {} },
    sources: { type: Schema.Types.Mixed, default: {} },
    extractorNote: String,
    targetContractId: String,
    createdAt: { type: Date, required: true },
  },
  { collection: 'term_proposals', versionKey: false, minimize: false },
);

const confirmationSchema = new Schema<TermConfirmationDoc>(
  {
    _id: { type: String, required: true },
    by: { type: userRefSchema, required: true },
    at: { type: Date, required: true },
    terms: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'term_confirmations', versionKey: false, minimize: false },
);

function model<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

export const contractDocumentModel = (c: Connection) => model(c, 'ContractDocument', documentSchema);
export const termProposalModel = (c: Connection) => model(c, 'TermProposal', proposalSchema);
export const termConfirmationModel = (c: Connection) => model(c, 'TermConfirmation', confirmationSchema);
