import { Schema, type Connection, type Model } from 'mongoose';
import { userRefSchema } from './user-ref-schema.js';

export interface ObligationDoc {
  _id: string;
  contractId: string;
  contractRef: string;
  kind: string;
  title: string;
  dueDate: string;
  owner: Record<string, unknown>;
  amount?: { amountMinor: number; currency: string };
  /** A hint for the reminder query; the completion claim is the truth. */
  status: string;
  createdAt: Date;
  createdBy: Record<string, unknown>;
}

/** The completion claim, `_id` = `obligationId:done`: an obligation is completed once. */
export interface ObligationCompletionDoc {
  _id: string;
  obligationId: string;
  by: Record<string, unknown>;
  at: Date;
}

const obligationSchema = new Schema<ObligationDoc>(
  {
    _id: { type: String, required: true },
    contractId: { type: String, required: true, index: true },
    contractRef: { type: String, required: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    dueDate: { type: String, required: true },
    owner: { type: userRefSchema, required: true },
    amount: { type: new Schema({ amountMinor: Number, currency: String }, { _id: false }) },
    status: { type: String, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: userRefSchema, required: true },
  },
  { collection: 'obligations', versionKey: false },
);
obligationSchema.index({ status: 1, dueDate: 1 });

const completionSchema = new Schema<ObligationCompletionDoc>(
  {
    _id: { type: String, required: true },
    obligationId: { type: String, required: true, index: true },
    by: { type: userRefSchema, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'obligation_completions', versionKey: false },
);

function model<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

export const obligationModel = (c: Connection) => model(c, 'Obligation', obligationSchema);
export const obligationCompletionModel = (c: Connection) => model(c, 'ObligationCompletion', completionSchema);
