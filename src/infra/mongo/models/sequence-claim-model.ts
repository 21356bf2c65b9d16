import { Schema, type Connection, type Model } from 'mongoose';

/** One document per value ever handed out (`contract-ref-2026:42`): its unique `_id` is what
 * makes a value go to exactly one caller, on MongoDB and on FerretDB alike. */
interface SequenceClaimDoc {
  _id: string;
  at: Date;
}

const sequenceClaimSchema = new Schema<SequenceClaimDoc>(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'sequence_claims', versionKey: false },
);

export type SequenceClaimModel = Model<SequenceClaimDoc>;

export function sequenceClaimModel(connection: Connection): SequenceClaimModel {
  return (connection.models.SequenceClaim as SequenceClaimModel | undefined) ?? connection.model<SequenceClaimDoc>('SequenceClaim', sequenceClaimSchema);
}
