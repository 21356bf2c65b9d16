import { spawn } from 'node:child_process';
import { personaByRole, loadDemoData, portfolioCsv, personaUser } from '../../src/app/demo/demo-data.js';
import { findDemoMarker, seedDemo, DemoSeedRefused } from '../../src/app/demo/seed-demo.js';
import type { AppContext } from '../../src/app/app-context.js';
import { composeServices } from '../../src/app/compose-services.js';
import { loadEnv } from '../../src/config/env.js';
import { answerQuestion } from '../../src/core/services/answer-question.js';
import { listUpcomingRenewals } from '../../src/core/services/list-upcoming-renewals.js';
import { createContract } from '../../src/core/services/create-contract.js';
import { createLogger } from '../../src/infra/logger.js';
import { testMongoUri, useTestDatabase } from '../support/database.js';

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/demo-seed.ts', ...args], {
    env: { ...process.env, MONGODB_URI: testMongoUri(), LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('the demo company and `npm run demo:seed`', () => {
  const db = useTestDatabase('demo_seed', '2026-12-02T10:00:00Z');
  const other = useTestDatabase('demo_seed_real', '2026-12-02T10:00:00Z');

  async function contextFor(d: typeof db): Promise<AppContext> {
    const env = loadEnv({ PLAYGROUND: 'off', MONGODB_URI: d.uri, MONGODB_DB_NAME: d.dbName, JOBS_ENABLED: 'false' });
    const logger = createLogger('warn');
    const data = await loadDemoData();
    return (await composeServices({ env, logger, clock: d.clock, connection: d.connection, store: d.store, policy: data.policy })).ctx;
  }

  it('has a persona per role and a policy that routes approvals to them', async () => {
    const data = await loadDemoData();
    expect(data.company.name).toBe('Larkspur Analytics');
    expect(data.personas.map((p) => p.role).sort()).toEqual(['finance', 'legal', 'manager', 'rep']);
    const approvers = Object.values(data.policy.people).map((p) => p.email);
    for (const role of ['legal', 'finance', 'manager'] as const) expect(approvers).toContain(personaByRole(data, role).email);
    expect(personaUser(personaByRole(data, 'rep'))).toEqual({
      platform: 'web',
      id: 'riley',
      email: 'riley.rivera@larkspur.example',
      displayName: 'Riley Rivera',
    });
    expect(portfolioCsv('a,{today+75},{today-1},{today}', '2026-12-02')).toBe('a,2027-02-15,2026-12-01,2026-12-02');
    expect(data.documents.map((d) => d.externalId)).toEqual(['DEMO-001', 'DEMO-002', 'DEMO-009']);
  });

  it('seeds an empty database: renewals in the next 90 days, one deal awaiting approval, obligations, decisions, documents Ask Clause quotes', async () => {
    const ctx = await contextFor(db);
    expect(await findDemoMarker(db.connection)).toBeNull();
    const report = await seedDemo(ctx, { nodeEnv: 'development' });
    expect(report).toMatchObject({
      company: 'Larkspur Analytics',
      anchor: '2026-12-02',
      rerun: false,
      contracts: { created: 10, updated: 0, unchanged: 0, rejected: [] },
      documents: 3,
      obligations: 3,
    });
    expect(report.decisions).toHaveLength(2);
    expect(report.awaitingApproval).toHaveLength(1);
    expect(await findDemoMarker(db.connection)).toMatchObject({ demo: true, company: 'Larkspur Analytics', anchor: '2026-12-02' });

    const deal = await db.store.contracts.findByExternalId('DEMO-009');
    expect(deal?.status).toBe('in_review');
    const rounds = await ctx.approvals.approvals.listRoundsForContract(deal!.id);
    expect(rounds).toHaveLength(1);

    const services = ctx;
    const next90 = await listUpcomingRenewals(services.renewals, { days: 90, today: '2026-12-02' });
    expect(next90.items.length).toBeGreaterThanOrEqual(5);
    expect(new Set(next90.items.map((i) => i.decision ?? 'undecided'))).toEqual(new Set(['undecided', 'renew', 'lapse']));
    const obligations = await services.obligations.obligations.listForContract((await db.store.contracts.findByExternalId('DEMO-001'))!.id);
    expect(obligations.map((o) => [o.kind, o.dueDate])).toEqual([['payment', '2026-12-14']]);

    // The documents are stored like uploads: Ask Clause answers from them, with the passage.
    const { ask } = await ctx.askServices();
    const marco = personaUser(personaByRole(await loadDemoData(), 'manager'));
    const answer = await answerQuestion(ask, { question: 'What is the notice period for non-renewal in the Brightwave agreement?', user: marco });
    expect(JSON.stringify(answer)).toMatch(/thirty \(30\) days before the end of the then-current term/);
  });

  it('a re-run changes nothing (same day count, same rows, no new documents, obligations or rounds)', async () => {
    const ctx = await contextFor(db);
    db.clock.set('2026-12-20T10:00:00Z');
    const report = await seedDemo(ctx, { nodeEnv: 'development' });
    expect(report).toMatchObject({
      anchor: '2026-12-02',
      rerun: true,
      contracts: { created: 0, updated: 0, unchanged: 10 },
      documents: 0,
      obligations: 0,
      decisions: [],
    });
    const deal = await db.store.contracts.findByExternalId('DEMO-009');
    expect(await ctx.approvals.approvals.listRoundsForContract(deal!.id)).toHaveLength(1);
  });

  it('refuses production mode and a database with real contracts, changing nothing', async () => {
    const ctx = await contextFor(other);
    await expect(seedDemo(ctx, { nodeEnv: 'production' })).rejects.toThrow(
      new DemoSeedRefused('refusing to seed demo data: NODE_ENV=production (demo data never goes into a production database)'),
    );
    const owner = { platform: 'slack' as const, id: 'U0REAL', displayName: 'Real Person' };
    await createContract(other.store, {
      terms: { title: 'Real NDA', type: 'nda', counterparty: 'Real Co' },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
    });
    await expect(seedDemo(ctx, { nodeEnv: 'development' })).rejects.toThrow(
      /^refusing to seed demo data: database "\S+" already holds 1 contract that is not demo data \(use an empty database/,
    );
    expect(await findDemoMarker(other.connection)).toBeNull();
    expect(await other.store.contracts.count({})).toBe(1);
  });

  it('the command refuses with one line and exit code 2 (production; a real portfolio)', async () => {
    const prod = await run([], { NODE_ENV: 'production', MONGODB_DB_NAME: other.dbName });
    expect(prod).toMatchObject({ code: 2, stdout: '' });
    expect(prod.stderr.trim()).toBe('demo:seed: refusing to seed demo data: NODE_ENV=production (demo data never goes into a production database)');
    const real = await run([], { NODE_ENV: 'development', MONGODB_DB_NAME: other.dbName });
    expect(real.code).toBe(2);
    expect(real.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^demo:seed: refusing to seed demo data: database "\S+" already holds 1 contract/)]);
    const again = await run([], { NODE_ENV: 'development', MONGODB_DB_NAME: db.dbName });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Larkspur Analytics demo was already seeded');
  }, 180_000);
});
