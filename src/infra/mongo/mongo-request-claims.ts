import type { Connection } from 'mongoose';
import type { Clock } from '../../core/ports/clock.js';
import type { RequestClaim, RequestClaims } from '../../core/ports/request-claims.js';
import { isDuplicateKeyError } from './insert-claim.js';

interface RequestClaimDoc {
  _id: string;
  /** Hash of the signature of the request that made the claim. */
  sig: string;
  expiresAt: Date;
}

export type { RequestClaim };

interface Pending {
  doc: RequestClaimDoc;
  resolve: (claim: RequestClaim) => void;
  reject: (error: unknown) => void;
}

/** The most claims written by one insertMany. */
const MAX_BATCH = 500;
/** Claims this process made or saw, remembered so a repeat it has seen needs no database call. */
const MAX_REMEMBERED = 50_000;

/**
 * Claims on incoming chat requests (`slack_request_claims`): one document per accepted request,
 * with a deterministic `_id` (the event id, the trigger id, or the signature's hash) and the
 * signature's hash. A second request with the same id is an exact replay when its signature is the
 * same, else a re-signed repeat (a Slack retry). FerretDB has no TTL indexes, so `sweep()` deletes
 * expired claims; the service runs it periodically.
 *
 * Under load the claims are group-committed: while one `insertMany` (ordered: false) is in flight,
 * new claims queue and go in the next one, and each document's duplicate-key error is mapped back
 * to its own request. One insert per batch instead of one per request is what keeps the embedded
 * database (a few hundred single inserts a second) from queueing Slack's acknowledgements. A
 * repeat of a claim this process made or saw is answered from memory; anything else asks the
 * database, which stays the one judge across processes.
 */
export class MongoRequestClaims implements RequestClaims {
  private queue: Pending[] = [];
  private inFlight = false;
  private readonly remembered = new Map<string, { sig: string; expiresAt: number }>();

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

  claim(id: string, sig: string, keepMs: number): Promise<RequestClaim> {
    const now = this.clock.now().getTime();
    const seen = this.remembered.get(id);
    if (seen && seen.expiresAt > now) return Promise.resolve(seen.sig === sig ? { outcome: 'replay' } : { outcome: 'repeat' });
    return new Promise((resolve, reject) => {
      this.queue.push({ doc: { _id: id, sig, expiresAt: new Date(now + keepMs) }, resolve, reject });
      if (!this.inFlight) {
        this.inFlight = true;
        // Claims arriving in the same turn of the event loop share the first insert.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.write(batch);
      } catch (error) {
        for (const p of batch) p.reject(error); // settled requests ignore this
      }
    }
    this.inFlight = false;
  }

  private remember(id: string, sig: string, expiresAt: Date): void {
    this.remembered.delete(id);
    this.remembered.set(id, { sig, expiresAt: expiresAt.getTime() });
    if (this.remembered.size > MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
  }

  /** One insertMany for the batch; every request gets its own outcome or its own error. */
  private async write(batch: Pending[]): Promise<void> {
    const failed = new Map<number, unknown>();
    try {
      await this.collection.insertMany(
        batch.map((p) => p.doc),
        { ordered: false },
      );
    } catch (error) {
      const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
      const list = (Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []) as Array<{
        index?: unknown;
        code?: unknown;
        err?: { code?: unknown };
      }>;
      if (list.length === 0) {
        for (const p of batch) p.reject(error);
        return;
      }
      for (const e of list) if (typeof e.index === 'number') failed.set(e.index, e);
    }
    const taken: Pending[] = [];
    batch.forEach((p, i) => {
      const problem = failed.get(i);
      if (problem === undefined) {
        this.remember(p.doc._id, p.doc.sig, p.doc.expiresAt);
        p.resolve({ outcome: 'first' });
      } else if (isDuplicateKeyError(problem) || isDuplicateKeyError((problem as { err?: unknown }).err)) {
        taken.push(p);
      } else {
        p.reject(problem);
      }
    });
    if (taken.length === 0) return;
    try {
      const ids = [...new Set(taken.map((p) => p.doc._id))];
      const existing = await this.collection.find({ _id: { $in: ids } }, { projection: { sig: 1, expiresAt: 1 } }).toArray();
      const sigs = new Map(existing.map((d) => [d._id, d]));
      for (const p of taken) {
        const found = sigs.get(p.doc._id);
        if (found?.expiresAt instanceof Date) this.remember(found._id, found.sig, found.expiresAt);
        p.resolve(found?.sig === p.doc.sig ? { outcome: 'replay' } : { outcome: 'repeat' });
      }
    } catch (error) {
      for (const p of taken) p.reject(error);
    }
  }

  /** Deletes expired claims; returns how many. */
  async sweep(): Promise<number> {
    const result = await this.collection.deleteMany({ expiresAt: { $lt: this.clock.now() } });
    return result.deletedCount;
  }
}
