import { readFileSync } from 'node:fs';
import { importContracts, IMPORT_COLUMNS } from '../../src/core/services/import-contracts.js';
import { findContract } from '../../src/core/services/find-contract.js';
import { getAuditTrail } from '../../src/core/services/get-audit-trail.js';
import { SYSTEM_USER } from '../../src/core/domain/user-ref.js';
import { readCsvRows } from '../../src/infra/csv/read-csv-rows.js';
import { useTestDatabase } from '../support/database.js';

const HEADER = IMPORT_COLUMNS.join(',');

describe('importing a portfolio from CSV', () => {
  const db = useTestDatabase('import');

  it('ships an example file with the documented header that imports cleanly', async () => {
    const text = readFileSync('examples/contracts.csv', 'utf8');
    expect(text.split('\n')[0]).toBe(HEADER);
    const report = await importContracts(db.store, readCsvRows(text), SYSTEM_USER);
    expect(report.errors).toEqual([]);
    expect(report.created).toHaveLength(4);
    const acme = await db.store.contracts.findByExternalId('CRM-1001');
    expect(acme).toMatchObject({
      status: 'active',
      counterparty: 'Acme Corp',
      value: { amountMinor: 12_000_000, currency: 'USD' },
      autoRenews: true,
      renewalTermMonths: 12,
      noticePeriodDays: 90,
      owner: { platform: 'slack', id: 'U0ANA', email: 'ana@example.com' },
    });
    const initech = await db.store.contracts.findByExternalId('CRM-1003');
    expect(initech?.value).toEqual({ amountMinor: 4_800_050, currency: 'EUR' });
  });

  it('imports the good rows and reports each bad one by line with the reason', async () => {
    const csv = [
      HEADER,
      'G-1,Good one,nda,Hooli,h@example.com,,,,,2026-01-01,,12,false,,30,California,,,',
      'B-1,Bad date,nda,Hooli,h@example.com,,,,,2026-02-30,,12,false,,30,,,,',
      'B-2,No owner,msa,Pied Piper,,,,,,2026-01-01,,12,false,,,,,,',
      'B-3,Value without currency,msa,Pied Piper,p@example.com,,,5000,,2026-01-01,,12,false,,,,,,',
      'B-4,Auto-renews without a term,msa,Pied Piper,p@example.com,,,,,2026-01-01,,12,true,,,,,,',
      ',Missing id,msa,Pied Piper,p@example.com,,,,,,,,,,,,,,',
      'G-1,Repeated id,nda,Hooli,h@example.com,,,,,2026-01-01,,12,false,,30,,,,',
      'G-2,"Quoted, with comma",sow,"Hooli, Inc.",h@example.com,,,"1,500",USD,2026-01-01,2026-06-30,,no,,,,draft,,',
    ].join('\n');
    const report = await importContracts(db.store, readCsvRows(csv), SYSTEM_USER);
    expect(report.created).toHaveLength(2);
    expect(report.errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'start_date: must be a real date written YYYY-MM-DD'],
      [4, 'owner_email: an owner is required: owner_email, owner_slack_id, owner_teams_id or owner_web_id'],
      [5, 'currency: is required when value is given'],
      [6, 'renewal_term_months: is required when the contract auto-renews'],
      [7, 'external_id: is required'],
      [8, 'external_id G-1 repeats line 2'],
    ]);
    const quoted = await db.store.contracts.findByExternalId('G-2');
    expect(quoted).toMatchObject({ counterparty: 'Hooli, Inc.', status: 'draft', value: { amountMinor: 150_000, currency: 'USD' } });
  });

  it('is idempotent on re-run and updates a changed row', async () => {
    const row = (notice: string) =>
      [HEADER, `R-1,Renewing,msa,Wayne Enterprises,w@example.com,,,,,2026-01-01,,12,true,12,${notice},,active,2025-12-20,`].join('\n');
    const first = await importContracts(db.store, readCsvRows(row('60')), SYSTEM_USER);
    expect(first.created).toHaveLength(1);
    const again = await importContracts(db.store, readCsvRows(row('60')), SYSTEM_USER);
    expect(again).toMatchObject({ created: [], updated: [], unchanged: first.created });
    const changed = await importContracts(db.store, readCsvRows(row('90')), SYSTEM_USER);
    expect(changed.updated).toEqual(first.created);
    const contract = await findContract(db.store, first.created[0]!);
    expect(contract.noticePeriodDays).toBe(90);
    expect(await db.store.contracts.count({})).toBeGreaterThan(0);
    const trail = await getAuditTrail(db.store, contract.id);
    expect(trail.map((e) => e.action)).toEqual(['imported', 'import_updated']);
  });

  it('names the CSV column, not the internal field, when the end is before the start', async () => {
    const csv = [HEADER, 'E-1,Backwards,nda,Hooli,h@example.com,,,,,2027-01-01,2026-01-01,,,,,,,,'].join('\n');
    const report = await importContracts(db.store, readCsvRows(csv), SYSTEM_USER);
    expect(report.errors).toEqual([{ line: 2, externalId: 'E-1', message: 'end_date: must not be before start_date' }]);
  });

  it('shows what would change in a dry run and writes nothing', async () => {
    const rows = (end: string) =>
      [HEADER, `D-1,Dry,msa,Hooli,h@example.com,,,,,2026-01-01,${end},,,,30,,,,`, 'D-2,New,nda,Hooli,h@example.com,,,,,,,,,,,,,,'].join('\n');
    await importContracts(db.store, readCsvRows(rows('2026-12-31').split('\n').slice(0, 2).join('\n')), SYSTEM_USER);
    const before = await db.store.contracts.count({});
    const report = await importContracts(db.store, readCsvRows(rows('2027-06-30')), SYSTEM_USER, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.changes).toEqual([
      { line: 2, externalId: 'D-1', action: 'update', ref: expect.stringMatching(/^C-\d{4}-\d{4}$/), columns: ['end_date'] },
      { line: 3, externalId: 'D-2', action: 'create', columns: ['title', 'type', 'counterparty', 'owner_email'] },
    ]);
    expect(report.created).toEqual(['D-2']);
    expect(await db.store.contracts.count({})).toBe(before);
    expect((await db.store.contracts.findByExternalId('D-1'))?.endDate).toBe('2026-12-31');
    expect(await db.store.contracts.findByExternalId('D-2')).toBeNull();
  });

  it('reads existing contracts in bulk by external id', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `BULK-${i}`);
    const csv = [HEADER, ...ids.map((id) => `${id},Bulk,nda,Hooli,h@example.com,,,,,,,,,,,,,,`)].join('\n');
    const first = await importContracts(db.store, readCsvRows(csv), SYSTEM_USER);
    expect(first.created).toHaveLength(ids.length);
    const found = await db.store.contracts.findByExternalIds([...ids.slice(0, 2), 'NOT-THERE']);
    expect([...found.keys()].sort()).toEqual(['BULK-0', 'BULK-1']);
    let progress = 0;
    const again = await importContracts(db.store, readCsvRows(csv), SYSTEM_USER, { onProgress: (done) => (progress = done) });
    expect(again.unchanged).toHaveLength(ids.length);
    expect(again.created).toEqual([]);
    expect(progress).toBe(ids.length);
  });
});
