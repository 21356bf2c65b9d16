import { Schema, type Connection, type Model } from 'mongoose';
import { userRefSchema } from './user-ref-schema.js';

const versionSchema = new Schema(
  {
    number: { type: Number, required: true },
    text: { type: String, required: true },
    templateId: String,
    note: String,
    createdAt: { type: Date, required: true },
    createdBy: { type: userRefSchema, required: true },
  },
  { _id: false },
);

export interface ContractDoc {
  _id: unknown;
  ref: string;
  /** The import's external id, or `ref:<ref>`: always set, so it can carry a plain unique index
   * (FerretDB v1 has no partial indexes). */
  externalKey: string;
  externalId?: string;
  title: string;
  type: string;
  counterparty: string;
  owner: Record<string, unknown>;
  ownerKey: string;
  ownerEmail?: string;
  requester: Record<string, unknown>;
  requesterKey: string;
  value?: { amountMinor: number; currency: string };
  startDate?: string;
  endDate?: string;
  /** endDate, or start + term: what renewal queries sort and filter on. */
  effectiveEndDate?: string;
  /** effectiveEndDate − noticePeriodDays: what the renewal scan selects on (see scanWindow). */
  noticeDeadline?: string;
  termMonths?: number;
  autoRenews: boolean;
  renewalTermMonths?: number;
  noticePeriodDays?: number;
  governingLaw?: string;
  signedDate?: string;
  status: string;
  keyTerms: Record<string, string>;
  versions: Array<Record<string, unknown>>;
  notes?: string;
  renewalOf?: string;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

const contractSchema = new Schema<ContractDoc>(
  {
    ref: { type: String, required: true, unique: true },
    externalKey: { type: String, required: true, unique: true },
    externalId: String,
    title: { type: String, required: true },
    type: { type: String, required: true, index: true },
    counterparty: { type: String, required: true },
    owner: { type: userRefSchema, required: true },
    ownerKey: { type: String, required: true, index: true },
    ownerEmail: String,
    requester: { type: userRefSchema, required: true },
    requesterKey: { type: String, required: true, index: true },
    value: { type: new Schema({ amountMinor: Number, currency: String }, { _id: false }) },
    startDate: String,
    endDate: String,
    effectiveEndDate: { type: String, index: true },
    noticeDeadline: String,
    termMonths: Number,
    autoRenews: { type: Boolean, default: false },
    renewalTermMonths: Number,
    noticePeriodDays: Number,
    governingLaw: String,
    signedDate: String,
    status: { type: String, required: true, index: true },
    keyTerms: { type: Schema.Types.Mixed, default: {} },
    versions: { type: [versionSchema], default: [] },
    notes: String,
    renewalOf: String,
    revision: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'contracts', minimize: false, versionKey: false },
);

export type ContractModel = Model<ContractDoc>;

export function contractModel(connection: Connection): ContractModel {
  return (connection.models.Contract as ContractModel | undefined) ?? connection.model<ContractDoc>('Contract', contractSchema);
}
