import type { Connection } from 'mongoose';
import type {
  DeliveryRef,
  DeliveryTiming,
  Outbox,
  OutboxCounts,
  OutboxDelivery,
  OutboxItem,
  OutboxStatus,
  Reschedule,
  StoredOutboxItem,
} from '../../core/ports/outbox.js';
import { insertClaim, insertManyClaims } from './insert-claim.js';
import { outboxAttemptModel, outboxModel, outboxPayloadModel, type OutboxDoc, type OutboxPayloadDoc } from './models/outbox-models.js';

/** Items stored before retries had their own times: a lease of 10 minutes and a day to deliver. */
const LEGACY_LEASE_MS = 10 * 60_000;

/** A new item's status document: queued, first attempt leased to its claimant from `at`. */
function claimedItemDoc(item: OutboxItem, at: Date, timing: DeliveryTiming) {
  return {
    _id: item.id,
    kind: item.kind,
    subjectId: item.subjectId,
    status: 'queued' as const,
    attempts: 1,
    createdAt: at,
    claimedAt: at,
    dueAt: new Date(at.getTime() + timing.leaseMs),
    giveUpAt: new Date(at.getTime() + timing.giveUpAfterMs),
    delivered: {},
    ...(item.details ? { details: item.details } : {}),
  };
}

function docToItem(doc: OutboxDoc, payload: OutboxPayloadDoc | undefined): StoredOutboxItem {
  const claimedAt = new Date(doc.claimedAt);
  const createdAt = doc.createdAt ? new Date(doc.createdAt) : claimedAt;
  return {
    id: doc._id,
    kind: doc.kind,
    subjectId: doc.subjectId,
    deliveries: (payload?.deliveries ?? doc.deliveries ?? []) as OutboxDelivery[],
    ...(doc.details ? { details: doc.details } : {}),
    status: doc.status as OutboxStatus,
    attempts: doc.attempts,
    createdAt,
    claimedAt,
    dueAt: doc.dueAt ? new Date(doc.dueAt) : new Date(claimedAt.getTime() + LEGACY_LEASE_MS),
    giveUpAt: doc.giveUpAt ? new Date(doc.giveUpAt) : new Date(createdAt.getTime() + 86_400_000),
    ...(doc.sentAt ? { sentAt: new Date(doc.sentAt) } : {}),
    delivered: (doc.delivered ?? {}) as Record<string, DeliveryRef | null>,
    problems: doc.problems ?? {},
    ...(doc.lastError ? { lastError: doc.lastError } : {}),
    ...(doc.waitingFor ? { waitingFor: doc.waitingFor } : {}),
    ...(doc.reason ? { reason: doc.reason } : {}),
  };
}

/**
 * An outbox collection. Claims are inserts with the item's deterministic `_id` (exclusive on
 * MongoDB and on FerretDB v1, whose conditional updates are not); the updates after a claim are
 * written only by the owner of the current attempt (itself an insert claim, `id#attempt`), so
 * they need no isolation.
 */
export class MongoOutbox implements Outbox {
  constructor(
    private readonly connection: Connection,
    readonly collection: string,
  ) {}

  get name(): string {
    return this.collection;
  }

  private get Item() {
    return outboxModel(this.connection, this.collection);
  }
  private get Attempt() {
    return outboxAttemptModel(this.connection, this.collection);
  }
  private get Payload() {
    return outboxPayloadModel(this.connection, this.collection);
  }

  /** Stored items with their payloads (one `$in` read for the lot). */
  private async withPayloads(docs: OutboxDoc[]): Promise<StoredOutboxItem[]> {
    const needed = docs.filter((d) => d.deliveries === undefined).map((d) => d._id);
    const payloads = needed.length > 0 ? await this.Payload.find({ _id: { $in: needed } }).lean<OutboxPayloadDoc[]>() : [];
    const byId = new Map(payloads.map((p) => [p._id, p]));
    return docs.map((d) => docToItem(d, byId.get(d._id)));
  }

  async claim(item: OutboxItem, at: Date, timing: DeliveryTiming): Promise<boolean> {
    // The payload first, so a claim is never visible without its deliveries; the status insert
    // below is the claim. Racing claimants write one payload between them.
    const payloadIsOurs = await insertClaim(() => this.Payload.create({ _id: item.id, deliveries: item.deliveries }));
    const won = await insertClaim(() => this.Item.create(claimedItemDoc(item, at, timing)));
    // The winner's rendering is the one a re-send must repeat (the payload found may be a loser's,
    // or one left by a claimant that died before claiming). Only the claim's owner writes here.
    if (won && !payloadIsOurs) await this.Payload.replaceOne({ _id: item.id }, { _id: item.id, deliveries: item.deliveries });
    return won;
  }

  async claimMany(items: readonly OutboxItem[], at: Date, timing: DeliveryTiming): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    if (items.length === 1) return (await this.claim(items[0]!, at, timing)) ? new Set([items[0]!.id]) : new Set();
    // As claim() does, in two unordered writes for the lot: the payloads first, then the status
    // inserts that are the claims (an id already taken fails alone).
    const payloadTaken = await insertManyClaims(() =>
      this.Payload.insertMany(
        items.map((item) => ({ _id: item.id, deliveries: item.deliveries })),
        { ordered: false },
      ),
    );
    const docs = items.map((item) => claimedItemDoc(item, at, timing));
    const itemTaken = await insertManyClaims(() => this.Item.insertMany(docs, { ordered: false }));
    const won = new Set<string>();
    for (const [i, item] of items.entries()) {
      if (itemTaken.has(i)) continue;
      won.add(item.id);
      if (payloadTaken.has(i)) await this.Payload.replaceOne({ _id: item.id }, { _id: item.id, deliveries: item.deliveries });
    }
    return won;
  }

  async skip(items: ReadonlyArray<Omit<OutboxItem, 'deliveries'>>, at: Date, reason: string): Promise<number> {
    let count = 0;
    for (const item of items) {
      const won = await insertClaim(() =>
        this.Item.create({
          _id: item.id,
          kind: item.kind,
          subjectId: item.subjectId,
          status: 'skipped',
          attempts: 0,
          createdAt: at,
          claimedAt: at,
          delivered: {},
          reason,
          ...(item.details ? { details: item.details } : {}),
        }),
      );
      if (won) count++;
    }
    return count;
  }

  async existing(ids: readonly string[]): Promise<Set<string>> {
    const wanted = ids.filter(Boolean);
    if (wanted.length === 0) return new Set();
    const docs = await this.Item.find({ _id: { $in: wanted } }, { _id: 1 }).lean<Array<{ _id: string }>>();
    return new Set(docs.map((d) => d._id));
  }

  async markDelivered(id: string, index: number, ref: DeliveryRef | null, problem?: string): Promise<void> {
    await this.Item.updateOne({ _id: id }, { $set: { [`delivered.${index}`]: ref, ...(problem ? { [`problems.${index}`]: problem } : {}) } });
  }

  async markSent(
    id: string,
    at: Date,
    lastDelivery?: { index: number; ref: DeliveryRef | null; problem?: string },
    status: 'sent' | 'failed' = 'sent',
    reason?: string,
  ): Promise<void> {
    const delivered = lastDelivery
      ? { [`delivered.${lastDelivery.index}`]: lastDelivery.ref, ...(lastDelivery.problem ? { [`problems.${lastDelivery.index}`]: lastDelivery.problem } : {}) }
      : {};
    await this.Item.updateOne({ _id: id }, { $set: { status, sentAt: at, ...delivered, ...(reason ? { reason } : {}) }, $unset: { waitingFor: 1 } });
  }

  async markFailed(id: string, at: Date, reason: string): Promise<void> {
    await this.Item.updateOne({ _id: id, status: 'queued' }, { $set: { status: 'failed', reason, sentAt: at } });
  }

  async reschedule(id: string, next: Reschedule): Promise<void> {
    await this.Item.updateOne(
      { _id: id },
      next.waitingFor
        ? { $set: { dueAt: next.dueAt, lastError: next.lastError, waitingFor: next.waitingFor } }
        : { $set: { dueAt: next.dueAt, lastError: next.lastError }, $unset: { waitingFor: 1 } },
    );
  }

  async listDue(now: Date, limit: number): Promise<StoredOutboxItem[]> {
    const docs = await this.Item.find({ status: 'queued', dueAt: { $lte: now } })
      .sort({ dueAt: 1 })
      .limit(limit)
      .lean<OutboxDoc[]>();
    if (docs.length < limit) {
      // Items claimed before attempts had a due time: stale after the old 10-minute lease.
      const legacy = await this.Item.find({ status: 'queued', dueAt: { $exists: false }, claimedAt: { $lt: new Date(now.getTime() - LEGACY_LEASE_MS) } })
        .sort({ claimedAt: 1 })
        .limit(limit - docs.length)
        .lean<OutboxDoc[]>();
      docs.push(...legacy);
    }
    return this.withPayloads(docs);
  }

  async claimAttempt(id: string, attempt: number, at: Date, leaseUntil: Date): Promise<boolean> {
    const won = await insertClaim(() => this.Attempt.create({ _id: `${id}#${attempt}`, itemId: id, at }));
    // Only the winner moves the lease, so the next due check counts from this attempt.
    if (won) await this.Item.updateOne({ _id: id }, { $set: { attempts: attempt, claimedAt: at, dueAt: leaseUntil } });
    return won;
  }

  async find(id: string): Promise<StoredOutboxItem | null> {
    const doc = await this.Item.findById(id).lean<OutboxDoc>();
    return doc ? (await this.withPayloads([doc]))[0]! : null;
  }

  async listProblems(since: Date, limit: number): Promise<StoredOutboxItem[]> {
    const docs = await this.Item.find({ sentAt: { $gte: since }, $or: [{ status: 'failed' }, { problems: { $exists: true } }] })
      .sort({ sentAt: 1 })
      .limit(limit)
      .lean<OutboxDoc[]>();
    return docs.map((d) => docToItem(d, undefined));
  }

  async counts(): Promise<OutboxCounts> {
    const [queued, failed, waitingDocs] = await Promise.all([
      this.Item.countDocuments({ status: 'queued' }),
      this.Item.countDocuments({ status: 'failed' }),
      this.Item.find({ status: 'queued', waitingFor: { $exists: true } }, { waitingFor: 1 })
        .limit(10_000)
        .lean<Array<{ waitingFor?: string }>>(),
    ]);
    const waiting: Record<string, number> = {};
    for (const d of waitingDocs) if (d.waitingFor) waiting[d.waitingFor] = (waiting[d.waitingFor] ?? 0) + 1;
    return { queued, waiting, failed };
  }
}

/** An outbox on one collection, with its indexes in place. */
export async function createMongoOutbox(connection: Connection, collection: string): Promise<MongoOutbox> {
  await Promise.all([
    outboxModel(connection, collection).createIndexes(),
    outboxAttemptModel(connection, collection).createIndexes(),
    outboxPayloadModel(connection, collection).createIndexes(),
  ]);
  return new MongoOutbox(connection, collection);
}
