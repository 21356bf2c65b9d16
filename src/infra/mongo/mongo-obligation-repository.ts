import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { CalendarDate } from '../../core/domain/calendar-date.js';
import type { Obligation, ObligationKind } from '../../core/domain/obligation.js';
import type { UserRef } from '../../core/domain/user-ref.js';
import { cleanUser } from './contract-doc-mapping.js';
import { insertClaim } from './insert-claim.js';
import type { NewObligation, ObligationRepository } from '../../core/ports/obligation-repository.js';
import { obligationCompletionModel, obligationModel, type ObligationCompletionDoc, type ObligationDoc } from './models/obligation-models.js';

const completionId = (id: string) => `${id}:done`;

function toObligation(d: ObligationDoc, done: ObligationCompletionDoc | undefined): Obligation {
  return {
    id: d._id,
    contractId: d.contractId,
    contractRef: d.contractRef,
    kind: d.kind as ObligationKind,
    title: d.title,
    dueDate: d.dueDate,
    owner: cleanUser(d.owner),
    ...(d.amount ? { amount: { amountMinor: d.amount.amountMinor, currency: d.amount.currency } } : {}),
    status: done ? 'done' : 'open',
    createdAt: new Date(d.createdAt),
    createdBy: cleanUser(d.createdBy),
    ...(done ? { completedAt: new Date(done.at), completedBy: cleanUser(done.by) } : {}),
  };
}

/** Obligations; the status is derived from the completion claim, `status` is only a query hint. */
export class MongoObligationRepository implements ObligationRepository {
  constructor(private readonly connection: Connection) {}

  private get Obligation() {
    return obligationModel(this.connection);
  }
  private get Completion() {
    return obligationCompletionModel(this.connection);
  }

  private async withCompletions(docs: ObligationDoc[]): Promise<Obligation[]> {
    if (docs.length === 0) return [];
    const done = await this.Completion.find({ _id: { $in: docs.map((d) => completionId(d._id)) } }).lean<ObligationCompletionDoc[]>();
    const byId = new Map(done.map((c) => [c.obligationId, c]));
    return docs.map((d) => toObligation(d, byId.get(d._id)));
  }

  async insert(o: NewObligation): Promise<{ obligation: Obligation; created: boolean }> {
    const { id, ...fields } = o;
    const _id = id ?? randomUUID();
    const created = await insertClaim(() => this.Obligation.create({ _id, ...fields, owner: { ...o.owner }, createdBy: { ...o.createdBy }, status: 'open' }));
    return { obligation: (await this.findById(_id))!, created };
  }

  async findById(id: string): Promise<Obligation | null> {
    const doc = await this.Obligation.findById(id).lean<ObligationDoc>();
    return doc ? (await this.withCompletions([doc]))[0]! : null;
  }

  async listForContract(contractId: string): Promise<Obligation[]> {
    const docs = await this.Obligation.find({ contractId }).sort({ dueDate: 1 }).lean<ObligationDoc[]>();
    return this.withCompletions(docs);
  }

  async complete(id: string, by: UserRef, at: Date): Promise<boolean> {
    if (!(await insertClaim(() => this.Completion.create({ _id: completionId(id), obligationId: id, by: { ...by }, at })))) return false;
    // Monotonic hint (open -> done only), written after the claim; a crash before it is harmless.
    await this.Obligation.updateOne({ _id: id }, { $set: { status: 'done' } });
    return true;
  }

  async *openDueBy(dueBy: CalendarDate, batchSize: number): AsyncIterable<Obligation[]> {
    let after: string | undefined;
    for (;;) {
      const filter: Record<string, unknown> = { status: 'open', dueDate: { $lte: dueBy } };
      if (after !== undefined) filter._id = { $gt: after };
      const docs = await this.Obligation.find(filter).sort({ _id: 1 }).limit(batchSize).lean<ObligationDoc[]>();
      if (docs.length === 0) return;
      yield (await this.withCompletions(docs)).filter((o) => o.status === 'open');
      if (docs.length < batchSize) return;
      after = docs[docs.length - 1]!._id;
    }
  }
}

export async function createMongoObligationRepository(connection: Connection): Promise<MongoObligationRepository> {
  await Promise.all([obligationModel(connection).createIndexes(), obligationCompletionModel(connection).createIndexes()]);
  return new MongoObligationRepository(connection);
}
