import { Schema, type Connection, type Model } from 'mongoose';
import { userRefSchema } from './user-ref-schema.js';

/** A term's renewal decision; `_id` is `contractId:termEnd`, so a term is decided once. */
export interface RenewalDecisionDoc {
  _id: string;
  contractId: string;
  termEnd: string;
  decision: string;
  by: Record<string, unknown>;
  at: Date;
  renewalContractId?: string;
}

/** A snooze; `_id` is `contractId:termEnd:until`, so a double click stores one. */
export interface RenewalSnoozeDoc {
  _id: string;
  contractId: string;
  termEnd: string;
  until: string;
  by: Record<string, unknown>;
  at: Date;
}

const decisionSchema = new Schema<RenewalDecisionDoc>(
  {
    _id: { type: String, required: true },
    contractId: { type: String, required: true, index: true },
    termEnd: { type: String, required: true },
    decision: { type: String, required: true },
    by: { type: userRefSchema, required: true },
    at: { type: Date, required: true },
    renewalContractId: String,
  },
  { collection: 'renewal_decisions', versionKey: false },
);

const snoozeSchema = new Schema<RenewalSnoozeDoc>(
  {
    _id: { type: String, required: true },
    contractId: { type: String, required: true, index: true },
    termEnd: { type: String, required: true },
    until: { type: String, required: true },
    by: { type: userRefSchema, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'renewal_snoozes', versionKey: false },
);

function model<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

export const renewalDecisionModel = (c: Connection) => model(c, 'RenewalDecision', decisionSchema);
export const renewalSnoozeModel = (c: Connection) => model(c, 'RenewalSnooze', snoozeSchema);
