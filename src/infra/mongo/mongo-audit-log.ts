import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { AuditEvent, AuditEventDraft } from '../../core/domain/audit-event.js';
import type { AuditLog, RecordedTransition, TransitionQuery } from '../../core/ports/audit-log.js';
import type { Clock } from '../../core/ports/clock.js';
import { auditEventModel, type AuditEventDoc } from './models/audit-event-model.js';
import { docToAuditEvent } from './contract-doc-mapping.js';
import { insertManyClaims, isDuplicateKeyError } from './insert-claim.js';

/** The id of the event that takes a contract to `revision`: unique, so it doubles as the claim. */
export function transitionEventId(contractId: string, revision: number): string {
  return `${contractId}:r${String(revision).padStart(8, '0')}`;
}

export function auditEventDoc(
  contract: { id: string; ref: string },
  event: AuditEventDraft,
  at: Date,
  extra: { id?: string; revision?: number; change?: Record<string, unknown>; listed?: boolean } = {},
): AuditEventDoc {
  const doc: AuditEventDoc = {
    _id: extra.id ?? randomUUID(),
    contractId: contract.id,
    contractRef: contract.ref,
    at,
    actor: { ...event.actor },
    platform: event.actor.platform,
    action: event.action,
  };
  if (event.fromStatus) doc.fromStatus = event.fromStatus;
  if (event.toStatus) doc.toStatus = event.toStatus;
  if (event.details && Object.keys(event.details).length > 0) doc.details = event.details;
  if (extra.revision !== undefined) doc.revision = extra.revision;
  if (extra.change) doc.change = extra.change;
  if (extra.listed && extra.revision !== undefined) doc.transitionKey = `${at.toISOString()}|${doc._id}`;
  return doc;
}

/** The append-only audit trail: events are inserted, never updated or deleted. */
export class MongoAuditLog implements AuditLog {
  constructor(
    private readonly connection: Connection,
    private readonly clock: Clock,
  ) {}

  async append(contract: { id: string; ref: string }, event: AuditEventDraft, options: { id?: string; at?: Date } = {}): Promise<AuditEvent> {
    const doc = auditEventDoc(contract, event, options.at ?? this.clock.now(), options.id ? { id: options.id } : {});
    const AuditEvent = auditEventModel(this.connection);
    try {
      await AuditEvent.create(doc);
    } catch (error) {
      if (!options.id || !isDuplicateKeyError(error)) throw error;
      const existing = await AuditEvent.findById(options.id).lean<AuditEventDoc>();
      if (existing) return docToAuditEvent(existing);
      throw error;
    }
    return docToAuditEvent(doc);
  }

  async appendMany(items: ReadonlyArray<{ contract: { id: string; ref: string }; event: AuditEventDraft; id: string; at?: Date }>): Promise<void> {
    if (items.length === 0) return;
    const now = this.clock.now();
    const docs = items.map((item) => auditEventDoc(item.contract, item.event, item.at ?? now, { id: item.id }));
    // Unordered: an event already recorded fails alone on its id and stays as it was.
    await insertManyClaims(() => auditEventModel(this.connection).insertMany(docs, { ordered: false }));
  }

  async listTransitions(query: TransitionQuery): Promise<RecordedTransition[]> {
    const from = query.from.toISOString();
    const to = query.to.toISOString();
    // One string range on the indexed key (index-backed on FerretDB too); the cursor is a key.
    const range: Record<string, string> = query.after && query.after >= from ? { $gt: query.after, $lt: to } : { $gte: from, $lt: to };
    const docs = await auditEventModel(this.connection).find({ transitionKey: range }).sort({ transitionKey: 1 }).limit(query.limit).lean<AuditEventDoc[]>();
    return docs.map((doc) => ({ event: docToAuditEvent(doc), revision: doc.revision ?? 0, cursor: doc.transitionKey ?? '' }));
  }

  async listForContract(contractId: string): Promise<AuditEvent[]> {
    const docs = await auditEventModel(this.connection).find({ contractId }).lean<AuditEventDoc[]>();
    // Transitions are ordered by the revision they produced; other facts by time.
    docs.sort((a, b) => (a.revision !== undefined && b.revision !== undefined ? a.revision - b.revision : a.at.getTime() - b.at.getTime()));
    return docs.map(docToAuditEvent);
  }
}
