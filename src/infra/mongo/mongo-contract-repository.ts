import type { Connection } from 'mongoose';
import { isValidObjectId, Types } from 'mongoose';
import type { AuditEventDraft } from '../../core/domain/audit-event.js';
import type { Contract } from '../../core/domain/contract.js';
import { AppError, AppErrorCode } from '../../core/errors.js';
import type { Clock } from '../../core/ports/clock.js';
import type { ContractChange, ContractQuery, ContractRepository, ContractUpdateOptions, NewContractRecord } from '../../core/ports/contract-repository.js';
import { auditEventModel, type AuditEventDoc } from './models/audit-event-model.js';
import { recordNoticePeriod } from './models/notice-period-model.js';
import { contractModel, type ContractDoc } from './models/contract-model.js';
import { derivedFields, docToContract, userKey } from './contract-doc-mapping.js';
import { insertClaim, insertManyClaims, isDuplicateKeyError } from './insert-claim.js';
import { auditEventDoc, transitionEventId } from './mongo-audit-log.js';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Contracts in MongoDB. A change is made in two steps that are each safe to repeat:
 *
 * 1. claim: insert the audit event whose `_id` is (contract, next revision). The unique `_id`
 *    lets exactly one writer win a revision, on MongoDB and on FerretDB v1 (whose updates are
 *    not isolated, so a conditional update alone would let two writers through);
 * 2. apply: set the contract to the state the event describes, only if it is still at the
 *    revision before. Repeating it writes the same state.
 *
 * A writer that dies between the two leaves a claimed event; the next read or write of that
 * contract finds it and applies it (rolls forward), so no change is lost or applied twice.
 */
export class MongoContractRepository implements ContractRepository {
  constructor(
    private readonly connection: Connection,
    private readonly clock: Clock,
  ) {}

  private get Contract() {
    return contractModel(this.connection);
  }

  private get AuditEvent() {
    return auditEventModel(this.connection);
  }

  async insert(record: NewContractRecord, event: AuditEventDraft): Promise<Contract> {
    const now = this.clock.now();
    const _id = new Types.ObjectId();
    await recordNoticePeriod(this.connection, record.noticePeriodDays);
    let stored: ContractDoc;
    try {
      const created = await this.Contract.create(newContractFields(_id, record, now));
      stored = created.toObject() as unknown as ContractDoc;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new AppError(
          AppErrorCode.Conflict,
          `A contract with reference ${record.ref}${record.externalId ? ` or external id ${record.externalId}` : ''} already exists.`,
        );
      }
      throw error;
    }
    const id = String(_id);
    await this.AuditEvent.create(auditEventDoc({ id, ref: record.ref }, event, now, { id: transitionEventId(id, 0), revision: 0, listed: true }));
    // The contract as written: no read-back (on FerretDB v1 every read scans the collection, which
    // made bulk imports quadratic). A change made since would be revision 1, seen by the next read.
    return docToContract(stored);
  }

  async insertMany(items: ReadonlyArray<{ record: NewContractRecord; event: AuditEventDraft }>): Promise<Array<Contract | AppError>> {
    if (items.length === 0) return [];
    const now = this.clock.now();
    // Documents built and validated by the model exactly as create() would, then written with one
    // unordered insert: a duplicate fails alone and becomes that item's Conflict.
    const docs = await Promise.all(
      items.map(async ({ record }) => {
        const doc = new this.Contract(newContractFields(new Types.ObjectId(), record, now));
        await doc.validate();
        return doc.toObject() as unknown as ContractDoc;
      }),
    );
    // Before the write, as insert() does: the upcoming-renewals read must know every period.
    for (const days of new Set(items.map(({ record }) => record.noticePeriodDays))) await recordNoticePeriod(this.connection, days);
    const failed = new Set<number>();
    try {
      await this.Contract.collection.insertMany(docs as never[], { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: Array<{ index: number; code?: number }> | { index: number; code?: number } }).writeErrors;
      const failures = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (failures.length === 0 || failures.some((w) => w.code !== 11000)) throw error;
      for (const w of failures) failed.add(w.index);
    }
    const events = docs
      .map((doc, i) => ({ doc, i }))
      .filter(({ i }) => !failed.has(i))
      .map(({ doc, i }) =>
        auditEventDoc({ id: String(doc._id), ref: doc.ref }, items[i]!.event, now, { id: transitionEventId(String(doc._id), 0), revision: 0 }),
      );
    if (events.length > 0) await this.AuditEvent.insertMany(events, { ordered: true });
    return docs.map((doc, i) =>
      failed.has(i)
        ? new AppError(
            AppErrorCode.Conflict,
            `A contract with reference ${doc.ref}${items[i]!.record.externalId ? ` or external id ${items[i]!.record.externalId}` : ''} already exists.`,
          )
        : docToContract(doc),
    );
  }

  async findById(id: string): Promise<Contract | null> {
    if (!isValidObjectId(id)) return null;
    const doc = await this.Contract.findById(id).lean<ContractDoc>();
    return doc ? docToContract(await this.rollForward(doc)) : null;
  }

  async findByRef(ref: string): Promise<Contract | null> {
    const doc = await this.Contract.findOne({ ref }).lean<ContractDoc>();
    return doc ? docToContract(await this.rollForward(doc)) : null;
  }

  async findByExternalId(externalId: string): Promise<Contract | null> {
    const doc = await this.Contract.findOne({ externalKey: externalId }).lean<ContractDoc>();
    return doc ? docToContract(await this.rollForward(doc)) : null;
  }

  async findByExternalIds(externalIds: readonly string[]): Promise<Map<string, Contract>> {
    const found = new Map<string, Contract>();
    if (externalIds.length === 0) return found;
    // One query for the whole batch: FerretDB v1 scans the collection for a non-_id filter, so a
    // per-row findOne makes an import quadratic.
    const docs = await this.Contract.find({ externalKey: { $in: [...externalIds] } }).lean<ContractDoc[]>();
    // Which of them have a claimed change not yet applied: one read for the batch, then only
    // those are rolled forward one by one.
    const nextEvents = docs.map((doc) => transitionEventId(String(doc._id), doc.revision + 1));
    const pending = new Set(
      nextEvents.length > 0 ? (await this.AuditEvent.find({ _id: { $in: nextEvents } }, { _id: 1 }).lean<Array<{ _id: string }>>()).map((e) => e._id) : [],
    );
    for (const [i, doc] of docs.entries()) {
      const contract = docToContract(pending.has(nextEvents[i]!) ? await this.rollForward(doc) : doc);
      if (contract.externalId) found.set(contract.externalId, contract);
    }
    return found;
  }

  async update(
    id: string,
    expectedRevision: number,
    change: ContractChange,
    event: AuditEventDraft,
    options: ContractUpdateOptions = {},
  ): Promise<Contract | null> {
    if (!isValidObjectId(id)) return null;
    const { current, facts = [] } = options;
    // The caller's copy at the expected revision saves the read: the claim below is what decides
    // (if the contract moved past that revision, the claim's id is taken and nothing is applied).
    let before: Contract;
    if (current && current.id === id && current.revision === expectedRevision) before = current;
    else {
      const doc = await this.Contract.findById(id).lean<ContractDoc>();
      if (!doc || doc.revision !== expectedRevision) return null;
      before = docToContract(doc);
    }
    const revision = expectedRevision + 1;
    const claim = auditEventDoc({ id, ref: before.ref }, event, this.clock.now(), {
      id: transitionEventId(id, revision),
      revision,
      change: change as Record<string, unknown>,
      listed: true,
    });
    let won: boolean;
    if (facts.length === 0) won = await insertClaim(() => this.AuditEvent.create(claim));
    else {
      // The facts first (the trail orders same-instant events as written), then the claim, in one
      // unordered write: a fact already recorded fails alone, the claim's own failure is the lost race.
      const now = this.clock.now();
      const docs = [...facts.map((f) => auditEventDoc({ id, ref: before.ref }, f.event, f.at ?? now, { id: f.id })), claim];
      won = !(await insertManyClaims(() => this.AuditEvent.insertMany(docs, { ordered: false }))).has(facts.length);
    }
    if (!won) {
      // Someone else won this revision; make sure it is applied.
      const doc = await this.Contract.findById(id).lean<ContractDoc>();
      if (doc) await this.rollForward(doc);
      return null;
    }
    return this.apply(before, claim);
  }

  async list(query: ContractQuery): Promise<Contract[]> {
    let q = this.Contract.find(this.filter(query));
    q =
      query.sort === 'endDate'
        ? q.sort({ effectiveEndDate: 1, ref: 1 })
        : query.sort === 'updated'
          ? q.sort({ updatedAt: 1, _id: 1 })
          : q.sort({ createdAt: -1, ref: -1 });
    if (query.limit) q = q.limit(query.limit);
    const docs = await q.lean<ContractDoc[]>();
    return docs.map(docToContract);
  }

  async count(query: ContractQuery): Promise<number> {
    return this.Contract.countDocuments(this.filter(query));
  }

  /** Applies any claimed events past the stored revision (normally none: one indexed lookup). */
  private async rollForward(doc: ContractDoc): Promise<ContractDoc> {
    const next = await this.AuditEvent.findById(transitionEventId(String(doc._id), doc.revision + 1)).lean<AuditEventDoc>();
    if (!next) return doc;
    let current = await this.apply(docToContract(doc), next);
    for (;;) {
      const following = await this.AuditEvent.findById(transitionEventId(current.id, current.revision + 1)).lean<AuditEventDoc>();
      if (!following) return this.asDoc(current);
      current = await this.apply(current, following);
    }
  }

  /** A contract as a stored document again (for the read paths that map documents). */
  private asDoc(contract: Contract): ContractDoc {
    return { ...contract, _id: new Types.ObjectId(contract.id), ...derivedFields(contract) } as unknown as ContractDoc;
  }

  /**
   * Writes the state `event` describes onto `before` (the contract at the revision before it) and
   * returns that state. Idempotent. No read-back: the state is what the event describes, whoever
   * wrote it (a repeat writes the same fields).
   */
  private async apply(before: Contract, event: AuditEventDoc): Promise<Contract> {
    const change = (event.change ?? {}) as ContractChange;
    const $set: Record<string, unknown> = { revision: event.revision, updatedAt: event.at };
    const $unset: Record<string, ''> = {};
    const after: Record<string, unknown> = { ...before, revision: event.revision, updatedAt: new Date(event.at) };
    for (const [key, value] of Object.entries(change.set ?? {})) {
      if (value === undefined) continue;
      if (value === null) {
        $unset[key] = '';
        delete after[key];
      } else {
        $set[key] = value;
        after[key] = value;
      }
    }
    if (change.status) $set.status = after.status = change.status;
    if (change.addVersion) $set.versions = after.versions = [...before.versions, change.addVersion];
    if (change.set?.externalId) $set.externalKey = change.set.externalId;
    const merged = after as unknown as Contract;
    for (const [key, value] of Object.entries(derivedFields(merged))) {
      if (value === undefined) $unset[key] = '';
      else $set[key] = value;
    }
    const update: Record<string, unknown> = { $set };
    if (Object.keys($unset).length > 0) update.$unset = $unset;
    await recordNoticePeriod(this.connection, merged.noticePeriodDays);
    await this.Contract.updateOne({ _id: before.id, revision: before.revision }, update);
    return docToContract(this.asDoc(merged));
  }

  private filter(query: ContractQuery): Record<string, unknown> {
    const filter: Record<string, unknown> = {};
    if (query.statuses) filter.status = { $in: [...query.statuses] };
    if (query.type) filter.type = query.type;
    if (query.ids) filter._id = { $in: query.ids.filter((id) => isValidObjectId(id)) };
    if (query.ownedBy) filter.ownerKey = userKey(query.ownedBy);
    if (query.involving) {
      const key = userKey(query.involving);
      filter.$or = [{ ownerKey: key }, { requesterKey: key }];
    }
    if (query.counterpartyContains) {
      filter.counterparty = { $regex: escapeRegex(query.counterpartyContains), $options: 'i' };
    }
    if (query.endDateFrom || query.endDateTo) {
      const range: Record<string, string> = {};
      if (query.endDateFrom) range.$gte = query.endDateFrom;
      if (query.endDateTo) range.$lte = query.endDateTo;
      filter.effectiveEndDate = range;
    }
    if (query.updatedSince) filter.updatedAt = { $gte: query.updatedSince };
    if (query.after) {
      // Keyset: strictly after (updatedAt, _id). Put in $and so it composes with `involving`'s $or.
      const at = query.after.updatedAt;
      const id = isValidObjectId(query.after.id) ? new Types.ObjectId(query.after.id) : query.after.id;
      filter.$and = [{ $or: [{ updatedAt: { $gt: at } }, { updatedAt: at, _id: { $gt: id } }] }];
    }
    return filter;
  }
}

/** A new contract's stored fields (revision 0), the same for one insert and a bulk insert. */
function newContractFields(_id: Types.ObjectId, record: NewContractRecord, now: Date) {
  return {
    _id,
    ...record,
    ...derivedFields(record),
    externalKey: record.externalId ?? `ref:${record.ref}`,
    revision: 0,
    createdAt: now,
    updatedAt: now,
  };
}
