import { addDays, type CalendarDate } from '../../src/core/domain/calendar-date.js';
import type { Contract } from '../../src/core/domain/contract.js';
import { noticeDeadline, renewalStep, scanWindow } from '../../src/core/domain/renewal-schedule.js';
import { createContracts } from '../../src/core/services/create-contracts.js';
import { contractModel } from '../../src/infra/mongo/models/contract-model.js';
import { createMongoRenewalRepository, type MongoRenewalRepository } from '../../src/infra/mongo/mongo-renewal-repository.js';
import { useTestDatabase } from '../support/database.js';
import { rep } from './approvals/approval-fixtures.js';

const OFFSETS = [90, 60, 30, 7, 0];
const TODAY = '2026-03-01';
const owner = { platform: 'system' as const, id: 'scan@example.com', email: 'scan@example.com' };

/**
 * The daily scan reads only the contracts in its window (notice deadlines a nudge can come from,
 * and ended terms). This stores contracts of every shape through the repository (and one from
 * before `noticeDeadline` existed), then checks day by day, over four months and with a scan
 * that missed days, that every active contract with a step that day is read, once.
 */
describe('the renewal scan reads every contract that is due, whatever its notice period', () => {
  const db = useTestDatabase('renewal_candidates', `${TODAY}T06:00:00Z`);

  const read = async (renewals: MongoRenewalRepository, today: CalendarDate) => {
    const ids: string[] = [];
    for await (const batch of renewals.candidatesDue(scanWindow(today, OFFSETS), 7)) ids.push(...batch.map((c) => c.id));
    return ids;
  };

  it('misses none over 120 days: notice period missing, 0, short or the longest; term ending today or yesterday; catch-up days', async () => {
    const terms = (i: number, t: Record<string, unknown>) => ({
      terms: { title: `Scan ${i}`, type: 'nda', counterparty: 'Hooli', ...t },
      owner,
      requester: owner,
      actor: owner,
      status: 'active' as const,
      externalId: `SCAN-${i}`,
      auditAction: 'imported',
    });
    const inputs = [];
    const endOffsets = [...Array.from({ length: 13 }, (_, k) => k - 6), ...Array.from({ length: 70 }, (_, k) => 7 + k * 7)];
    let i = 0;
    for (const end of endOffsets) {
      for (const notice of [undefined, 0, 30, 90, 365]) {
        const autoRenews = i % 2 === 0;
        inputs.push(
          terms(i++, {
            endDate: addDays(TODAY, end),
            autoRenews,
            ...(autoRenews ? { renewalTermMonths: 12 } : {}),
            ...(notice === undefined ? {} : { noticePeriodDays: notice }),
          }),
        );
      }
    }
    // An end date from start + term (no endDate), and contracts that are not active.
    inputs.push(terms(i++, { startDate: '2025-06-01', termMonths: 10, noticePeriodDays: 30 }));
    inputs.push(terms(i++, { startDate: '2025-08-15', termMonths: 8 }));
    inputs.push({ ...terms(i++, { endDate: addDays(TODAY, 20) }), status: 'draft' as never });
    inputs.push({ ...terms(i++, { endDate: addDays(TODAY, 1) }), status: 'expired' as never });
    const created = (await createContracts(db.store, inputs)) as Contract[];
    expect(created.every((c) => 'id' in c)).toBe(true);

    // Stored before the field existed (or loaded in bulk without it): the one-time backfill sets it.
    const Contract = contractModel(db.connection);
    const legacy = created.find((c) => c.noticePeriodDays === 0 && c.endDate === addDays(TODAY, 49))!;
    const legacyEnds = [addDays(TODAY, 49), addDays(TODAY, 56), addDays(TODAY, -1)];
    await Contract.updateMany({ endDate: { $in: legacyEnds } }, { $unset: { noticeDeadline: '' } });
    // An edit moves the deadline: 30 days' notice becomes 365 on a contract ending in 300 days.
    const edited = created.find((c) => c.noticePeriodDays === 30 && c.endDate === addDays(TODAY, 301))!;
    expect(edited).toBeDefined();
    await db.store.contracts.update(edited.id, edited.revision, { set: { noticePeriodDays: 365 } }, { actor: rep, action: 'terms_edited' } as never);

    const renewals = await createMongoRenewalRepository(db.connection);
    const all = (await Contract.find({}).lean()).map((d) => ({ ...d, id: String(d._id) })) as unknown as Array<Contract & { status: string }>;
    // Three end dates x five notice periods, one update per end date and deadline.
    expect(await Contract.countDocuments({ noticeDeadline: { $exists: false }, effectiveEndDate: { $exists: true } })).toBe(15);

    let dueSeen = 0;
    for (let day = 0; day <= 120; day++) {
      const today = addDays(TODAY, day);
      const ids = await read(renewals, today);
      expect(new Set(ids).size).toBe(ids.length);
      const got = new Set(ids);
      const missed = all.filter((c) => c.status === 'active' && renewalStep(c, today, OFFSETS).kind !== 'none' && !got.has(c.id));
      expect(missed.map((c) => `${today}: ${c.title} ends ${c.endDate ?? c.startDate} notice ${c.noticePeriodDays}`)).toEqual([]);
      for (const id of ids) expect(all.find((c) => c.id === id)?.status).toBe('active');
      dueSeen += all.filter((c) => c.status === 'active' && renewalStep(c, today, OFFSETS).kind !== 'none').length;
    }
    expect(dueSeen).toBeGreaterThan(1_000);
    expect(await read(renewals, TODAY)).toContain(legacy.id);
    for (const d of await Contract.find({ endDate: { $in: legacyEnds } }).lean()) {
      expect(d.noticeDeadline).toBe(noticeDeadline(d.endDate!, d.noticePeriodDays ?? undefined));
    }
    expect(await Contract.countDocuments({ noticeDeadline: { $exists: false }, effectiveEndDate: { $exists: true } })).toBe(0);
    // The edited contract's deadline followed the edit (301 − 365 days: long passed, nothing to send).
    expect((await Contract.findById(edited.id).lean())?.noticeDeadline).toBe(addDays(TODAY, 301 - 365));

    // Catch-up after downtime: the scan of the third day after a missed stretch still reads a
    // contract whose notice deadline passed 3 days ago (its late last nudge), and not after that.
    const late = all.find((c) => c.noticePeriodDays === 30 && c.endDate === addDays(TODAY, 35))!;
    expect(renewalStep(late, addDays(TODAY, 8), OFFSETS)).toMatchObject({ kind: 'nudge', daysLeft: -3 });
    expect(await read(renewals, addDays(TODAY, 8))).toContain(late.id);
    expect(await read(renewals, addDays(TODAY, 9))).not.toContain(late.id);
  }, 120_000);
});
