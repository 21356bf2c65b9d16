import type { Connection } from 'mongoose';
import { addDays, type CalendarDate } from '../../core/domain/calendar-date.js';
import { noticeDeadline, type ScanWindow } from '../../core/domain/renewal-schedule.js';
import { insertClaim } from './insert-claim.js';
import type { RenewalCandidate, RenewalDecision, RenewalDecisionKind, RenewalRepository, RenewalSnooze } from '../../core/ports/renewal-repository.js';
import { cleanUser, docToContract } from './contract-doc-mapping.js';
import { contractModel, type ContractDoc } from './models/contract-model.js';
import { noticePeriodModel, recordNoticePeriod, type NoticePeriodDoc } from './models/notice-period-model.js';
import { renewalDecisionModel, renewalSnoozeModel, type RenewalDecisionDoc, type RenewalSnoozeDoc } from './models/renewal-models.js';

const decisionId = (contractId: string, termEnd: string) => `${contractId}:${termEnd}`;

/** Every field but the version texts. */
const CANDIDATE_PROJECTION = { versions: 0 };

function docToCandidate(d: ContractDoc): RenewalCandidate {
  const { versions: _texts, ...candidate } = docToContract({ ...d, versions: [] });
  return candidate;
}

function docToDecision(d: RenewalDecisionDoc): RenewalDecision {
  return {
    contractId: d.contractId,
    termEnd: d.termEnd,
    decision: d.decision as RenewalDecisionKind,
    by: cleanUser(d.by),
    at: new Date(d.at),
    ...(d.renewalContractId ? { renewalContractId: d.renewalContractId } : {}),
  };
}

/** Renewal decisions and snoozes, and the scan's batched read of the contracts collection. */
export class MongoRenewalRepository implements RenewalRepository {
  constructor(private readonly connection: Connection) {}

  private get Contract() {
    return contractModel(this.connection);
  }
  private get Decision() {
    return renewalDecisionModel(this.connection);
  }
  private get Snooze() {
    return renewalSnoozeModel(this.connection);
  }

  async *candidatesEndingBy(endDateTo: CalendarDate, batchSize: number): AsyncIterable<RenewalCandidate[]> {
    for await (const batch of this.pass({ status: 'active', effectiveEndDate: { $lte: endDateTo } }, batchSize)) yield batch.map(docToCandidate);
  }

  async *candidatesDue(window: ScanWindow, batchSize: number): AsyncIterable<RenewalCandidate[]> {
    await this.backfillNoticeDeadlines();
    // Two index-backed reads on both databases (FerretDB pushes neither `$or` nor numbers down,
    // so the notice period itself cannot be in the filter). First the notice deadlines a nudge can
    // come from, as the list of their days: `$in` of strings is an exact index search on FerretDB,
    // where a two-sided range is searched from one bound only, and `status` stays out of the filter
    // because FerretDB would then search the `status` index (most of the table); it is checked here.
    // Then the ended terms. A contract can be in both (a term that ended up to 3 days ago with no
    // notice period): the second read skips what the first gave.
    const days: CalendarDate[] = [];
    for (let day = window.deadlineFrom; day <= window.deadlineTo; day = addDays(day, 1)) days.push(day);
    const inBoth = new Set<string>();
    for await (const batch of this.pass({ noticeDeadline: { $in: days } }, batchSize)) {
      const active = batch.filter((d) => d.status === 'active');
      for (const d of active) if (d.effectiveEndDate !== undefined && d.effectiveEndDate < window.endedBefore) inBoth.add(String(d._id));
      if (active.length > 0) yield active.map(docToCandidate);
    }
    for await (const batch of this.pass({ status: 'active', effectiveEndDate: { $lt: window.endedBefore } }, batchSize)) {
      const fresh = batch.filter((d) => !inBoth.has(String(d._id)));
      if (fresh.length > 0) yield fresh.map(docToCandidate);
    }
  }

  /**
   * One pass of one cursor. The caller only collects what is due while it reads, so the cursor
   * is never left idle long enough to time out (keyset pages would re-run the filter per page,
   * which FerretDB answers by scanning the collection each time).
   */
  private async *pass(filter: Record<string, unknown>, batchSize: number): AsyncIterable<ContractDoc[]> {
    const cursor = this.Contract.find(filter, CANDIDATE_PROJECTION).lean<ContractDoc[]>().cursor({ batchSize });
    let batch: ContractDoc[] = [];
    try {
      for await (const doc of cursor) {
        batch.push(doc);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      await cursor.close().catch(() => undefined);
    }
  }

  private deadlinesReady = false;

  /**
   * Once per database: stores `noticeDeadline` on the active contracts written before it existed
   * (or loaded in bulk without it); every write through the contract repository keeps it since.
   * Reads those contracts once (a filter on a missing field is not index-backed), then sets the
   * field only where it is still missing and the end date unchanged (a contract written meanwhile
   * has its own). Marked done in `notice_periods` (`deadlines`). Measured on FerretDB at 100,000
   * contracts: 130 s, once. (A `bulkWrite` of 500 `updateOne`s per batch instead left FerretDB
   * v1 idle and answering nothing, even new connections, at 10,000: not used.)
   */
  async backfillNoticeDeadlines(): Promise<void> {
    if (this.deadlinesReady) return;
    const Notice = noticePeriodModel(this.connection);
    if (!(await Notice.exists({ _id: 'deadlines' }))) {
      const missing = await this.Contract.find(
        { status: 'active', effectiveEndDate: { $exists: true }, noticeDeadline: { $exists: false } },
        { _id: 1, effectiveEndDate: 1, noticePeriodDays: 1 },
      ).lean<Array<Pick<ContractDoc, '_id' | 'effectiveEndDate' | 'noticePeriodDays'>>>();
      // One update per end date and deadline (a few thousand at most: the days of the next
      // years), each by `_id $in`, an index search on both databases.
      const groups = new Map<string, { effectiveEndDate: string; deadline: string; ids: unknown[] }>();
      for (const d of missing) {
        if (!d.effectiveEndDate) continue;
        const deadline = noticeDeadline(d.effectiveEndDate, d.noticePeriodDays ?? undefined);
        const key = `${d.effectiveEndDate}/${deadline}`;
        const group = groups.get(key) ?? { effectiveEndDate: d.effectiveEndDate, deadline, ids: [] };
        group.ids.push(d._id);
        groups.set(key, group);
      }
      for (const g of groups.values()) {
        await this.Contract.updateMany(
          { _id: { $in: g.ids }, effectiveEndDate: g.effectiveEndDate, noticeDeadline: { $exists: false } },
          { $set: { noticeDeadline: g.deadline } },
        );
      }
      await insertClaim(() => Notice.create({ _id: 'deadlines' }));
    }
    this.deadlinesReady = true;
  }

  async maxNoticePeriodDays(): Promise<number> {
    // From the few notice-period documents the contract writes record (see notice-period-model),
    // not from the contracts: on FerretDB neither the number filter nor the sort is pushed down,
    // so that query read every active contract (78 s at 100,000).
    const Notice = noticePeriodModel(this.connection);
    if (!(await Notice.exists({ _id: 'backfilled' }))) {
      // Once per database: the contracts stored before these documents existed (or loaded in bulk).
      const periods = await this.Contract.distinct('noticePeriodDays', { noticePeriodDays: { $gt: 0 } });
      for (const days of periods) await recordNoticePeriod(this.connection, Number(days));
      await insertClaim(() => Notice.create({ _id: 'backfilled' }));
    }
    const docs = await Notice.find({}).lean<NoticePeriodDoc[]>();
    return Math.max(0, ...docs.map((d) => d.days ?? 0));
  }

  async claimDecision(d: RenewalDecision): Promise<boolean> {
    return insertClaim(() =>
      this.Decision.create({
        _id: decisionId(d.contractId, d.termEnd),
        contractId: d.contractId,
        termEnd: d.termEnd,
        decision: d.decision,
        by: { ...d.by },
        at: d.at,
        ...(d.renewalContractId ? { renewalContractId: d.renewalContractId } : {}),
      }),
    );
  }

  async setRenewalContract(contractId: string, termEnd: CalendarDate, renewalContractId: string): Promise<void> {
    await this.Decision.updateOne({ _id: decisionId(contractId, termEnd) }, { $set: { renewalContractId } });
  }

  async findDecision(contractId: string, termEnd: CalendarDate): Promise<RenewalDecision | null> {
    const doc = await this.Decision.findById(decisionId(contractId, termEnd)).lean<RenewalDecisionDoc>();
    return doc ? docToDecision(doc) : null;
  }

  async findDecisions(keys: ReadonlyArray<{ contractId: string; termEnd: CalendarDate }>): Promise<RenewalDecision[]> {
    if (keys.length === 0) return [];
    const docs = await this.Decision.find({ _id: { $in: keys.map((k) => decisionId(k.contractId, k.termEnd)) } }).lean<RenewalDecisionDoc[]>();
    return docs.map(docToDecision);
  }

  async addSnooze(s: RenewalSnooze): Promise<void> {
    // A double click stores one snooze; the second insert finds the id taken.
    await insertClaim(() =>
      this.Snooze.create({
        _id: `${s.contractId}:${s.termEnd}:${s.until}`,
        contractId: s.contractId,
        termEnd: s.termEnd,
        until: s.until,
        by: { ...s.by },
        at: s.at,
      }),
    );
  }

  async snoozesOf(contractIds: readonly string[]): Promise<RenewalSnooze[]> {
    if (contractIds.length === 0) return [];
    const docs = await this.Snooze.find({ contractId: { $in: [...contractIds] } }).lean<RenewalSnoozeDoc[]>();
    return docs.map((d) => ({ contractId: d.contractId, termEnd: d.termEnd, until: d.until, by: cleanUser(d.by), at: new Date(d.at) }));
  }

  private get ScanDays() {
    return this.connection.collection<{ _id: string; at: Date }>('renewal_scan_days');
  }

  async markScanDone(day: CalendarDate, at: Date): Promise<void> {
    await insertClaim(() => this.ScanDays.insertOne({ _id: day, at }));
  }

  async scanDone(day: CalendarDate): Promise<boolean> {
    return (await this.ScanDays.findOne({ _id: day })) !== null;
  }
}

/** The renewal store, with its indexes (including the scan's compound index on contracts). */
export async function createMongoRenewalRepository(connection: Connection): Promise<MongoRenewalRepository> {
  await Promise.all([renewalDecisionModel(connection).createIndexes(), renewalSnoozeModel(connection).createIndexes()]);
  // The renewal reads filter active contracts by end date (ended terms, upcoming renewals) and by
  // notice deadline (the daily scan); these live here rather than in the contract model because
  // only the renewal services need them.
  const contracts = contractModel(connection).collection;
  await contracts.createIndex({ status: 1, effectiveEndDate: 1 }, { name: 'renewal_scan' });
  await contracts.createIndex({ status: 1, noticePeriodDays: -1 }, { name: 'renewal_max_notice' });
  // The scan's nudge read (the days of the notice deadlines a nudge can come from).
  await contracts.createIndex({ noticeDeadline: 1 }, { name: 'renewal_notice_deadline' });
  return new MongoRenewalRepository(connection);
}
