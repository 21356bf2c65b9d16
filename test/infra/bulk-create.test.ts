import { createContract } from '../../src/core/services/create-contract.js';
import { createContracts } from '../../src/core/services/create-contracts.js';
import { getAuditTrail } from '../../src/core/services/get-audit-trail.js';
import { isAppError } from '../../src/core/errors.js';
import type { Contract } from '../../src/core/domain/contract.js';
import { createMongoStore } from '../../src/infra/mongo/mongo-store.js';
import { createMongoRenewalRepository } from '../../src/infra/mongo/mongo-renewal-repository.js';
import { useTestDatabase } from '../support/database.js';

const owner = { platform: 'system' as const, id: 'bulk@example.com', email: 'bulk@example.com' };
const input = (externalId: string) => ({
  terms: { title: `Bulk ${externalId}`, type: 'nda', counterparty: 'Hooli', endDate: '2027-01-31', noticePeriodDays: 30 },
  owner,
  requester: owner,
  actor: owner,
  status: 'active' as const,
  externalId,
  auditAction: 'imported',
});

describe('creating contracts in bulk (imports)', () => {
  const db = useTestDatabase('bulk_create');

  it('stores each contract with its first audit event, and refuses only the one whose external id exists', async () => {
    const existing = await createContract(db.store, input('BULK-TAKEN'));
    const results = await createContracts(db.store, [input('BULK-A'), input('BULK-TAKEN'), input('BULK-B')]);
    expect(results).toHaveLength(3);
    const [a, taken, b] = results;
    expect(isAppError(taken)).toBe(true);
    expect((taken as Error).message).toMatch(/external id BULK-TAKEN already exists/);
    for (const result of [a, b]) {
      expect(isAppError(result)).toBe(false);
      const created = result as Contract;
      const stored = await db.store.contracts.findByExternalId(created.externalId!);
      expect(stored).toMatchObject({ id: created.id, ref: created.ref, status: 'active', endDate: '2027-01-31', revision: 0 });
      expect((await getAuditTrail(db.store, created.id)).map((e) => e.action)).toEqual(['imported']);
    }
    expect(await db.store.contracts.findByExternalId('BULK-TAKEN')).toMatchObject({ id: existing.id });
  });

  it('records the notice periods of a bulk insert, so the renewal scan horizon covers imported contracts', async () => {
    const renewals = await createMongoRenewalRepository(db.connection);
    await renewals.maxNoticePeriodDays(); // the one-time backfill runs now, before the bulk insert
    const long = (externalId: string, days: number) => ({ ...input(externalId), terms: { ...input(externalId).terms, noticePeriodDays: days } });
    await createContracts(db.store, [long('BULK-N1', 30), long('BULK-N2', 400)]);
    expect(await renewals.maxNoticePeriodDays()).toBe(400);
  });

  it('never hands out a reference twice, across processes allocating at once', async () => {
    // A second store on the same database stands for a second process.
    const other = await createMongoStore(db.connection, db.clock);
    const [blockA, blockB, singles] = await Promise.all([
      db.store.sequences.nextMany('bulk-test', 40),
      other.sequences.nextMany('bulk-test', 40),
      Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? db.store : other).sequences.next('bulk-test'))),
    ]);
    const all = [...blockA, ...blockB, ...singles];
    expect(new Set(all).size).toBe(90);
    expect(blockA).toEqual([...blockA].sort((x, y) => x - y));
  });
});
