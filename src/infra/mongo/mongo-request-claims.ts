import type { Connection } from 'mongoose';
import type { Clock } from '../../core/ports/clock.js';
import { isDuplicateKeyError } from './is-duplicate-key-error.js';

interface RequestClaimDoc {
  _id: string;
  /** Hash of the signature of the request that made the claim. */
  sig: string;
  expiresAt: Date;
}

export type RequestClaim = { outcome: 'first' } | { outcome: 'replay' } | { outcome: 'repeat' };

/**
 * Claims on incoming chat requests (`slack_request_claims`): one insert per accepted request, with
 * a deterministic `_id` (the event id, the trigger id, or the signature's hash) and the signature's
 * hash. A second request with the same id is an exact replay when its signature is the same, else
 * a re-signed repeat (a Slack retry). FerretDB has no TTL indexes, so `sweep()` deletes expired
 * claims; the service runs it periodically.
 */
export class MongoRequestClaims {
  constructor(
    private readonly connection: Connection,
    private readonly clock: Clock,
    private readonly collectionName = 'slack_request_claims',
  ) {}

  private get collection() {
    return this.connection.collection<RequestClaimDoc>(this.collectionName);
  }

  async init(): Promise<void> {
    await this.collection.createIndex({ expiresAt: 1 });
  }

  async claim(id: string, sig: string, keepMs: number): Promise<RequestClaim> {
    try {
      await this.collection.insertOne({ _id: id, sig, expiresAt: new Date(this.clock.now().getTime() + keepMs) });
      return { outcome: 'first' };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.collection.findOne({ _id: id }, { projection: { sig: 1 } });
      return existing?.sig === sig ? { outcome: 'replay' } : { outcome: 'repeat' };
    }
  }

  /** Deletes expired claims; returns how many. */
  async sweep(): Promise<number> {
    const result = await this.collection.deleteMany({ expiresAt: { $lt: this.clock.now() } });
    return result.deletedCount;
  }
}
