import { Schema, type Connection, type Model } from 'mongoose';

interface CounterDoc {
  _id: string;
  value: number;
}

const counterSchema = new Schema<CounterDoc>(
  { _id: { type: String, required: true }, value: { type: Number, required: true } },
  { collection: 'counters', versionKey: false },
);

export type CounterModel = Model<CounterDoc>;

export function counterModel(connection: Connection): CounterModel {
  return (connection.models.Counter as CounterModel | undefined) ?? connection.model<CounterDoc>('Counter', counterSchema);
}
