import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One document per notice period (in days) any contract has been written with: `_id` is
 * `notice:<days>`, plus `backfilled` once the contracts stored before these documents existed
 * were read (and `deadlines` once the renewal repository stored `noticeDeadline` on the active
 * contracts written before that field existed). The list of upcoming renewals takes the longest
 * notice period from these few documents instead of reading every active contract (which FerretDB
 * can only do by reading them all). It is an upper bound: a period no contract has any more stays,
 * which only widens that list's read. (The daily scan selects on `noticeDeadline` instead.)
 */
export interface NoticePeriodDoc {
  _id: string;
  days?: number;
}

const noticePeriodSchema = new Schema<NoticePeriodDoc>(
  { _id: { type: String, required: true }, days: Number },
  { collection: 'notice_periods', versionKey: false },
);

export function noticePeriodModel(connection: Connection): Model<NoticePeriodDoc> {
  return (connection.models.NoticePeriod as Model<NoticePeriodDoc> | undefined) ?? connection.model<NoticePeriodDoc>('NoticePeriod', noticePeriodSchema);
}

const known = new WeakMap<Connection, Set<number>>();

/**
 * Records that a contract is about to be written with this notice period (before the write, so a
 * crash in between leaves at most an extra period). One insert claim per period and process.
 */
export async function recordNoticePeriod(connection: Connection, days: number | undefined | null): Promise<void> {
  if (typeof days !== 'number' || !Number.isFinite(days) || days <= 0) return;
  let seen = known.get(connection);
  if (!seen) known.set(connection, (seen = new Set()));
  if (seen.has(days)) return;
  try {
    await noticePeriodModel(connection).create({ _id: `notice:${days}`, days });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 11000) throw error;
  }
  seen.add(days);
}
