/**
 * Seeds the demo company (config/demo) into an EMPTY database: the portfolio through the CSV import
 * (renewals due in the next 90 days, one large deal awaiting approval), obligations, a renewal
 * decision of each kind and a few contract documents stored like uploads (Ask Clause quotes them).
 *
 * Demo data is never mixed into a real portfolio: it refuses with NODE_ENV=production, and when the
 * database holds contracts but no demo marker. The marker (`demo_marker`, `_id: 'demo'`, inserted
 * first) makes the database a demo database and fixes the day the portfolio's dates are counted
 * from, so a re-run changes nothing. `npm run demo:seed` runs it; the playground calls it on its
 * first start with an empty database.
 */
import type { Connection } from 'mongoose';
import { calendarDateIn, addDays, type CalendarDate } from '../../core/domain/calendar-date.js';
import { isAppError, AppErrorCode } from '../../core/errors.js';
import { addObligation } from '../../core/services/add-obligation.js';
import { attachContractDocument } from '../../core/services/attach-contract-document.js';
import { checkImportColumns } from '../../core/services/check-import-columns.js';
import { importContracts } from '../../core/services/import-contracts.js';
import { letLapse } from '../../core/services/let-lapse.js';
import { startRenewal } from '../../core/services/start-renewal.js';
import { submitForApproval } from '../../core/services/submit-for-approval.js';
import { readCsvTable } from '../../infra/csv/read-csv-rows.js';
import { isDuplicateKeyError } from '../../infra/mongo/insert-claim.js';
import type { AppContext } from '../app-context.js';
import { openRenewalServices } from '../open-renewals.js';
import { loadDemoData, personaByRole, personaUser, portfolioCsv, type DemoData } from './demo-data.js';

/** A refusal to seed (production, a real portfolio): one line for the user. */
export class DemoSeedRefused extends Error {
  override name = 'DemoSeedRefused';
}

export interface DemoMarker {
  _id: 'demo';
  demo: true;
  company: string;
  /** The day the portfolio's relative dates are counted from (the first seeding day, UTC). */
  anchor: CalendarDate;
  seededAt: Date;
}

export interface DemoSeedReport {
  company: string;
  anchor: CalendarDate;
  /** True when this run found the demo already seeded (nothing new, or only what was missing). */
  rerun: boolean;
  contracts: { created: number; updated: number; unchanged: number; rejected: string[] };
  documents: number;
  obligations: number;
  awaitingApproval: string[];
  decisions: string[];
}

const MARKER_COLLECTION = 'demo_marker';

/** The demo marker, if this database is a demo database. */
export async function findDemoMarker(connection: Connection): Promise<DemoMarker | null> {
  return (await connection.collection(MARKER_COLLECTION).findOne({ _id: 'demo' as never })) as DemoMarker | null;
}

/** Claims the database for the demo (or finds the earlier claim); refuses a database that holds a real portfolio. */
async function claimDemoDatabase(ctx: AppContext, data: DemoData): Promise<{ marker: DemoMarker; rerun: boolean }> {
  const existing = await findDemoMarker(ctx.connection);
  if (existing) return { marker: existing, rerun: true };
  const contracts = await ctx.store.contracts.count({});
  if (contracts > 0) {
    throw new DemoSeedRefused(
      `refusing to seed demo data: database "${ctx.env.MONGODB_DB_NAME}" already holds ${contracts} contract${contracts === 1 ? ' that is' : 's that are'} not demo data (use an empty database, e.g. MONGODB_DB_NAME=clause_demo)`,
    );
  }
  const marker: DemoMarker = { _id: 'demo', demo: true, company: data.company.name, anchor: calendarDateIn(ctx.clock.now(), 'UTC'), seededAt: ctx.clock.now() };
  try {
    await ctx.connection.collection(MARKER_COLLECTION).insertOne(marker as never);
    return { marker, rerun: false };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    // Another seeder claimed it first: use its day.
    return { marker: (await findDemoMarker(ctx.connection))!, rerun: true };
  }
}

const ignoreDecided = (error: unknown) => {
  if (isAppError(error) && error.code === AppErrorCode.AlreadyDecided) return undefined;
  throw error;
};

export async function seedDemo(ctx: AppContext, options: { dir?: string; nodeEnv?: string | undefined } = {}): Promise<DemoSeedReport> {
  const nodeEnv = 'nodeEnv' in options ? options.nodeEnv : process.env.NODE_ENV;
  if (nodeEnv === 'production') throw new DemoSeedRefused('refusing to seed demo data: NODE_ENV=production (demo data never goes into a production database)');
  const data = await loadDemoData(options.dir);
  const { marker, rerun } = await claimDemoDatabase(ctx, data);
  const anchor = marker.anchor;
  const rep = personaUser(personaByRole(data, 'rep'));
  const manager = personaUser(personaByRole(data, 'manager'));
  const seeder = { platform: 'system' as const, id: 'demo-seed', displayName: 'demo seed' };

  // 1. The portfolio, through the CSV import path (header check, row validation, external ids).
  // A re-run imports only rows that are missing: the seeded contracts have moved on since (the
  // deal is in review), and the file would set them back.
  const table = readCsvTable(portfolioCsv(data.portfolioTemplate, anchor));
  const header = checkImportColumns(table.header);
  if (header.problems.length > 0) throw new Error(`config/demo/portfolio.csv: ${header.problems.join('; ')}`);
  const externalIds = table.rows.map((r) => String(r.record.external_id));
  const before = await ctx.store.contracts.findByExternalIds(externalIds);
  const imported = await importContracts(
    ctx.store,
    table.rows.filter((r) => !before.has(String(r.record.external_id))),
    seeder,
  );
  const byExternalId = await ctx.store.contracts.findByExternalIds(externalIds);
  const contract = (externalId: string) => {
    const c = byExternalId.get(externalId);
    if (!c) throw new Error(`demo contract ${externalId} was not imported`);
    return c;
  };

  // 2. Contract documents, read and stored exactly like an upload.
  const { terms } = await ctx.askServices();
  let documents = 0;
  for (const doc of data.documents) {
    const c = contract(doc.externalId);
    if (await terms.documents.find(c.id)) continue;
    await attachContractDocument(terms, { ref: c.ref, fileName: doc.fileName, bytes: doc.bytes, actor: seeder });
    documents++;
  }

  // 3. Renewals and obligations, with the demo policy for what they submit.
  const demoCtx: AppContext = { ...ctx, approvals: { ...ctx.approvals, policy: data.policy } };
  const services = await openRenewalServices(demoCtx);
  const obligations: Array<{ externalId: string; kind: 'payment' | 'deliverable' | 'review'; title: string; in: number; amount?: number }> = [
    { externalId: 'DEMO-001', kind: 'payment', title: 'Quarterly hosting invoice', in: 12, amount: 2_400_000 },
    { externalId: 'DEMO-005', kind: 'review', title: 'Review the payroll SOC 1 report', in: 30 },
    { externalId: 'DEMO-007', kind: 'deliverable', title: 'Campaign brief for the spring launch', in: 8 },
  ];
  let newObligations = 0;
  for (const o of obligations) {
    const c = contract(o.externalId);
    const result = await addObligation(services.obligations, {
      contractId: c.id,
      kind: o.kind,
      title: o.title,
      dueDate: addDays(anchor, o.in),
      owner: c.owner,
      ...(o.amount ? { amount: { amountMinor: o.amount, currency: 'USD' } } : {}),
      actor: seeder,
    });
    if (result.created) newObligations++;
  }
  const decisions: string[] = [];
  const lapse = contract('DEMO-004');
  await letLapse(services.renewals, { contractId: lapse.id, actor: manager }).then(() => decisions.push(`${lapse.ref}: letting lapse`), ignoreDecided);
  const renew = contract('DEMO-003');
  await startRenewal(services.renewals, { contractId: renew.id, actor: rep }).then(() => decisions.push(`${renew.ref}: renewal started`), ignoreDecided);

  // 4. The large deal awaiting approval (legal & finance, then the manager).
  const awaitingApproval: string[] = [];
  const deal = await ctx.store.contracts.findById(contract('DEMO-009').id);
  if (deal?.status === 'draft') {
    const submitted = await submitForApproval(demoCtx.approvals, { contractId: deal.id, actor: rep });
    awaitingApproval.push(submitted.contract.ref);
  } else if (deal?.status === 'in_review') awaitingApproval.push(deal.ref);

  return {
    company: data.company.name,
    anchor,
    rerun,
    contracts: {
      created: imported.created.length,
      updated: imported.updated.length,
      unchanged: imported.unchanged.length + before.size,
      rejected: imported.errors.map((e) => `line ${e.line}${e.externalId ? ` (${e.externalId})` : ''}: ${e.message}`),
    },
    documents,
    obligations: newObligations,
    awaitingApproval,
    decisions,
  };
}
