import type { Connection } from 'mongoose';
import type { CalendarDate } from '../../core/domain/calendar-date.js';
import type { Contract } from '../../core/domain/contract.js';
import type { UserRef } from '../../core/domain/user-ref.js';
import type { RenewalDecision, RenewalDecisionKind, RenewalRepository, RenewalSnooze } from '../../core/ports/renewal-repository.js';
import { docToContract } from './contract-doc-mapping.js';
import { isDuplicateKeyError } from './is-duplicate-key-error.js';
import { contractModel, type ContractDoc } from './models/contract-model.js';
import { renewalDecisionModel, renewalSnoozeModel, type RenewalDecisionDoc, type RenewalSnoozeDoc } from './models/renewal-models.js';

const decisionId = (contractId: string, termEnd: string) => `${contractId}:${termEnd}`;

function cleanUser(raw: Record<string, unknown>): UserRef {
  const u: UserRef = { platform: raw.platform as UserRef['platform'], id: String(raw.id) };
  if (raw.tenantId) u.tenantId = String(raw.tenantId);
  if (raw.email) u.email = String(raw.email);
  if (raw.displayName) u.displayName = String(raw.displayName);
  return u;
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

  async *activeEndingBy(endDateTo: CalendarDate, batchSize: number): AsyncIterable<Contract[]> {
    // Keyset pages by _id: each page is one indexed query, and no cursor stays open while a
    // page's nudges are sent (a long send would otherwise let the server time the cursor out).
    let after: unknown;
    for (;;) {
      const filter: Record<string, unknown> = { status: 'active', effectiveEndDate: { $lte: endDateTo } };
      if (after !== undefined) filter._id = { $gt: after };
      const docs = await this.Contract.find(filter).sort({ _id: 1 }).limit(batchSize).lean<ContractDoc[]>();
      if (docs.length === 0) return;
      yield docs.map(docToContract);
      if (docs.length < batchSize) return;
      after = docs[docs.length - 1]!._id;
    }
  }

  async maxNoticePeriodDays(): Promise<number> {
    const doc = await this.Contract.findOne({ status: 'active', noticePeriodDays: { $gt: 0 } }, { noticePeriodDays: 1 })
      .sort({ noticePeriodDays: -1 })
      .lean<Pick<ContractDoc, 'noticePeriodDays'>>();
    return doc?.noticePeriodDays ?? 0;
  }

  async claimDecision(d: RenewalDecision): Promise<boolean> {
    try {
      await this.Decision.create({
        _id: decisionId(d.contractId, d.termEnd),
        contractId: d.contractId,
        termEnd: d.termEnd,
        decision: d.decision,
        by: { ...d.by },
        at: d.at,
        ...(d.renewalContractId ? { renewalContractId: d.renewalContractId } : {}),
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
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
    try {
      await this.Snooze.create({ _id: `${s.contractId}:${s.termEnd}:${s.until}`, contractId: s.contractId, termEnd: s.termEnd, until: s.until, by: { ...s.by }, at: s.at });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  async snoozesOf(contractIds: readonly string[]): Promise<RenewalSnooze[]> {
    if (contractIds.length === 0) return [];
    const docs = await this.Snooze.find({ contractId: { $in: [...contractIds] } }).lean<RenewalSnoozeDoc[]>();
    return docs.map((d) => ({ contractId: d.contractId, termEnd: d.termEnd, until: d.until, by: cleanUser(d.by), at: new Date(d.at) }));
  }
}

/** The renewal store, with its indexes (including the scan's compound index on contracts). */
export async function createMongoRenewalRepository(connection: Connection): Promise<MongoRenewalRepository> {
  await Promise.all([renewalDecisionModel(connection).createIndexes(), renewalSnoozeModel(connection).createIndexes()]);
  // The scan filters active contracts by end date and finds the longest notice period; these
  // live here rather than in the contract model because only the renewal jobs need them.
  const contracts = contractModel(connection).collection;
  await contracts.createIndex({ status: 1, effectiveEndDate: 1 }, { name: 'renewal_scan' });
  await contracts.createIndex({ status: 1, noticePeriodDays: -1 }, { name: 'renewal_max_notice' });
  return new MongoRenewalRepository(connection);
}
