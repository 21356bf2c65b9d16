import type { Connection } from 'mongoose';
import type { MessageRef } from '../../core/ports/chat-notifier.js';
import type { Outbox, OutboxDelivery, OutboxItem, OutboxStatus, StoredOutboxItem } from '../../core/ports/outbox.js';
import { insertClaim } from './is-duplicate-key-error.js';
import { outboxAttemptModel, outboxModel, outboxPayloadModel, type OutboxDoc, type OutboxPayloadDoc } from './models/outbox-models.js';

function docToItem(doc: OutboxDoc, payload: OutboxPayloadDoc | undefined): StoredOutboxItem {
  return {
    id: doc._id,
    kind: doc.kind,
    subjectId: doc.subjectId,
    deliveries: (payload?.deliveries ?? doc.deliveries ?? []) as OutboxDelivery[],
    ...(doc.details ? { details: doc.details } : {}),
    status: doc.status as OutboxStatus,
    attempts: doc.attempts,
    claimedAt: new Date(doc.claimedAt),
    ...(doc.sentAt ? { sentAt: new Date(doc.sentAt) } : {}),
    delivered: (doc.delivered ?? {}) as Record<string, MessageRef | null>,
    ...(doc.reason ? { reason: doc.reason } : {}),
  };
}

/**
 * An outbox collection. Claims are inserts with the item's deterministic `_id` (exclusive on
 * MongoDB and on FerretDB v1, whose conditional updates are not); the updates after a claim are
 * written only by the claim's owner, so they need no isolation.
 */
export class MongoOutbox implements Outbox {
  constructor(
    private readonly connection: Connection,
    readonly collection: string,
  ) {}

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

  async claim(item: OutboxItem, at: Date): Promise<boolean> {
    // The payload first, so a claim is never visible without its deliveries; the status insert
    // below is the claim. Racing claimants write one payload between them.
    const payloadIsOurs = await insertClaim(() => this.Payload.create({ _id: item.id, deliveries: item.deliveries }));
    const won = await insertClaim(() =>
      this.Item.create({
        _id: item.id,
        kind: item.kind,
        subjectId: item.subjectId,
        status: 'queued',
        attempts: 1,
        claimedAt: at,
        delivered: {},
        ...(item.details ? { details: item.details } : {}),
      }),
    );
    // The winner's rendering is the one a re-send must repeat (the payload found may be a loser's,
    // or one left by a claimant that died before claiming). Only the claim's owner writes here.
    if (won && !payloadIsOurs) await this.Payload.replaceOne({ _id: item.id }, { _id: item.id, deliveries: item.deliveries });
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

  async markDelivered(id: string, index: number, ref: MessageRef | null): Promise<void> {
    await this.Item.updateOne({ _id: id }, { $set: { [`delivered.${index}`]: ref } });
  }

  async markSent(id: string, at: Date, lastDelivery?: { index: number; ref: MessageRef | null }): Promise<void> {
    const delivered = lastDelivery ? { [`delivered.${lastDelivery.index}`]: lastDelivery.ref } : {};
    await this.Item.updateOne({ _id: id }, { $set: { status: 'sent', sentAt: at, ...delivered } });
  }

  async markFailed(id: string, at: Date, reason: string): Promise<void> {
    await this.Item.updateOne({ _id: id, status: 'queued' }, { $set: { status: 'failed', reason, sentAt: at } });
  }

  async listStale(before: Date, limit: number): Promise<StoredOutboxItem[]> {
    const docs = await this.Item.find({ status: 'queued', claimedAt: { $lt: before } })
      .sort({ claimedAt: 1 })
      .limit(limit)
      .lean<OutboxDoc[]>();
    return this.withPayloads(docs);
  }

  async claimAttempt(id: string, attempt: number, at: Date): Promise<boolean> {
    const won = await insertClaim(() => this.Attempt.create({ _id: `${id}#${attempt}`, itemId: id, at }));
    // Only the winner moves the lease, so the next staleness check counts from this attempt.
    if (won) await this.Item.updateOne({ _id: id }, { $set: { attempts: attempt, claimedAt: at } });
    return won;
  }

  async find(id: string): Promise<StoredOutboxItem | null> {
    const doc = await this.Item.findById(id).lean<OutboxDoc>();
    return doc ? (await this.withPayloads([doc]))[0]! : null;
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
