import { createHash } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { insertClaim } from './insert-claim.js';

interface IdempotencyDoc {
  _id: string;
  /** sha256 of the request (method, path, body): the same key with another body is refused. */
  requestHash: string;
  createdAt: Date;
  response?: { status: number; body: unknown };
}

const idempotencySchema = new Schema<IdempotencyDoc>(
  {
    _id: { type: String, required: true },
    requestHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    response: { type: Schema.Types.Mixed },
  },
  { collection: 'api_idempotency', versionKey: false, minimize: false },
);

function idempotencyModel(connection: Connection): Model<IdempotencyDoc> {
  return (connection.models.ApiIdempotency as Model<IdempotencyDoc> | undefined) ?? connection.model<IdempotencyDoc>('ApiIdempotency', idempotencySchema);
}

export type IdempotencyClaim =
  | { kind: 'claimed'; id: string }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

/** How long an unfinished claim blocks its key (longer than any request runs). */
const ABANDONED_AFTER_MS = 5 * 60_000;

export const hashText = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * `Idempotency-Key` records. The claim is an insert whose `_id` is sha256(API key id + the
 * client's key), so exactly one request runs per key on MongoDB and on FerretDB v1 (no
 * transactions, no isolated updates needed); later ones get its stored answer replayed.
 */
export class MongoIdempotency {
  constructor(private readonly connection: Connection) {}

  private get Record() {
    return idempotencyModel(this.connection);
  }

  async claim(apiKeyId: string, idempotencyKey: string, requestHash: string, now: Date): Promise<IdempotencyClaim> {
    const id = hashText(`${apiKeyId}\n${idempotencyKey}`);
    if (await insertClaim(() => this.Record.create({ _id: id, requestHash, createdAt: now }))) return { kind: 'claimed', id };
    const existing = await this.Record.findById(id).lean<IdempotencyDoc>();
    if (!existing) return this.claim(apiKeyId, idempotencyKey, requestHash, now); // released in between
    if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
    if (!existing.response) {
      // A claim never completed (its process died mid-request) is abandoned after a while; the retry
      // takes it over. A contract request that did get stored is then refused as `deal_exists`.
      if (now.getTime() - existing.createdAt.getTime() < ABANDONED_AFTER_MS) return { kind: 'in_progress' };
      await this.Record.deleteOne({ _id: id, createdAt: existing.createdAt, response: { $exists: false } });
      return this.claim(apiKeyId, idempotencyKey, requestHash, now);
    }
    return { kind: 'replay', status: existing.response.status, body: existing.response.body };
  }

  /** Stores the answer to replay (a success; a refused request releases its claim instead). */
  async complete(id: string, status: number, body: unknown): Promise<void> {
    await this.Record.updateOne({ _id: id }, { $set: { response: { status, body } } });
  }

  /** Deletes the records made before `before` (API_IDEMPOTENCY_RETENTION_DAYS): a key older than that runs as new. */
  async prune(before: Date): Promise<number> {
    return (await this.Record.deleteMany({ createdAt: { $lt: before } })).deletedCount;
  }

  /** Forgets a claim whose request was refused or failed, so a corrected retry with the key runs. */
  async release(id: string): Promise<void> {
    await this.Record.deleteOne({ _id: id, response: { $exists: false } });
  }
}
