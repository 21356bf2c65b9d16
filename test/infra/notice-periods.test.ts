import { contractModel } from '../../src/infra/mongo/models/contract-model.js';
import { createMongoRenewalRepository } from '../../src/infra/mongo/mongo-renewal-repository.js';
import { useTestDatabase } from '../support/database.js';
import { approvalDeps, draft, rep } from './approvals/approval-fixtures.js';

describe('the longest notice period (the renewal scan horizon) without reading every contract', () => {
  const db = useTestDatabase('notice_periods');

  it('covers contracts stored before (read once), and every insert and update through the repository after', async () => {
    // Stored before notice periods were recorded (or loaded in bulk): found by the one-time backfill.
    const raw = { status: 'active', versions: [], keyTerms: {}, revision: 0, createdAt: new Date(), updatedAt: new Date() };
    await contractModel(db.connection).collection.insertMany([
      { ...raw, ref: 'C-2019-0001', externalKey: 'ref:C-2019-0001', noticePeriodDays: 45 },
      { ...raw, ref: 'C-2019-0002', externalKey: 'ref:C-2019-0002', noticePeriodDays: 120 },
      { ...raw, ref: 'C-2019-0003', externalKey: 'ref:C-2019-0003' },
    ] as never[]);
    const renewals = await createMongoRenewalRepository(db.connection);
    expect(await renewals.maxNoticePeriodDays()).toBe(120);
    expect(await db.connection.collection('notice_periods').countDocuments({ _id: 'backfilled' as never })).toBe(1);

    // A new contract with a longer one.
    const deps = await approvalDeps(db);
    const c = await draft(deps, { noticePeriodDays: 200 });
    expect(await renewals.maxNoticePeriodDays()).toBe(200);

    // An edit that lengthens it.
    const updated = await db.store.contracts.update(c.id, c.revision, { set: { noticePeriodDays: 365 } }, { actor: rep, action: 'terms_edited' } as never);
    expect(updated?.noticePeriodDays).toBe(365);
    expect(await renewals.maxNoticePeriodDays()).toBe(365);

    // An upper bound: shortening it again keeps the longest ever seen (a wider horizon, never a narrower one).
    await db.store.contracts.update(c.id, c.revision + 1, { set: { noticePeriodDays: 30 } }, { actor: rep, action: 'terms_edited' } as never);
    expect(await renewals.maxNoticePeriodDays()).toBe(365);
  });
});
