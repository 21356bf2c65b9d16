/**
 * Click to updated card: the time from a signed Approve click on a Slack approval card (the real
 * Slack HTTP path of the real service) to the `chat.update` of that card arriving at the Slack
 * Web API emulator, with about `--docs` documents in each collection the click reads.
 *
 *   npm run bench:approval-click [-- --docs 10000 --clicks 30] [--stock]
 *
 * The database is MONGODB_URI when set, else the embedded FerretDB `npm start` uses (patched;
 * `--stock` builds and uses stock FerretDB v1.24.2 instead, for the side-by-side figure). It
 * seeds contracts, audit events, approval rounds, decisions, claims and messages in bulk, then
 * requests `--clicks` contracts through the Slack modal (each posts its approval card; not timed),
 * then clicks Approve on each card as the stage's approver, one after another, and prints
 * p50/p95/max, how many `chat.update`s each click made, and whether the card was updated before
 * any other message the click caused.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Types } from 'mongoose';
import { startService } from '../src/app/start-service.js';
import { progressBar } from '../src/cli/cli-kit.js';
import { loadEnv } from '../src/config/env.js';
import { createLogger } from '../src/infra/logger.js';
import { approvalClaimModel, approvalDecisionModel, approvalMessageModel, approvalRoundModel } from '../src/infra/mongo/models/approval-models.js';
import { auditEventModel } from '../src/infra/mongo/models/audit-event-model.js';
import { contractModel } from '../src/infra/mongo/models/contract-model.js';
import { provisionDatabase } from '../src/infra/mongo/provision/provision-database.js';
import { SlackApiEmulator } from '../test/emulators/slack-api-emulator.js';
import { blockActionsBody, postToSlack, viewSubmissionBody } from '../test/support/slack-signing.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const DOCS = flag('docs', 10_000);
const CLICKS = flag('clicks', 30);
const STOCK = args.includes('--stock');
const SECRET = 'bench-signing-secret';
const CHANNEL = 'C0APPROVALS';
const POLICY_FILE = fileURLToPath(new URL('../test/bots/slack/fixtures/two-stage-policy.yaml', import.meta.url));
const USERS = [
  { id: 'U0REP', name: 'rita', realName: 'Rita Rep', email: 'rita@example.com' },
  { id: 'U0LEGAL', name: 'lena', realName: 'Lena Legal', email: 'lena@example.com' },
  { id: 'U0FIONA', name: 'fiona', realName: 'Fiona Finance', email: 'fiona@example.com' },
  { id: 'U0FRANK', name: 'frank', realName: 'Frank Finance', email: 'frank@example.com' },
];

const log = {
  info: (o: unknown, m?: string) => console.error('[db]', m ?? JSON.stringify(o)),
  warn: (o: unknown, m?: string) => console.error('[db]', m ?? JSON.stringify(o)),
};
const dataDir = await mkdtemp(join(tmpdir(), 'clause-bench-click-'));
const database = await provisionDatabase({
  uri: process.env.MONGODB_URI,
  dataDir,
  cacheDir: process.env.CLAUSE_CACHE_DIR ?? join(homedir(), '.cache', 'clause'),
  logger: log,
  ferretDbPatched: !STOCK,
});
const slack = new SlackApiEmulator({ botToken: 'xoxb-bench-token' });
await slack.start();
for (const u of USERS) slack.addUser(u);
slack.addChannel({ id: CHANNEL, name: 'contract-approvals' });
const logger = createLogger('silent');
const service = await startService({
  env: loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    MONGODB_DB_NAME: `clause_bench_click_${randomBytes(3).toString('hex')}`,
    POLICY_FILE,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: slack.apiUrl,
    SLACK_APPROVALS_CHANNEL: CHANNEL,
  }),
  logger,
  database,
});
const url = `http://127.0.0.1:${service.port}`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

async function waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

try {
  // --- seed: about DOCS documents in each collection a click reads ---------------------------
  const connection = service.ctx.connection;
  const seedStart = performance.now();
  const now = new Date('2026-03-01T09:00:00Z');
  const by = { platform: 'slack', id: 'U0SEED', displayName: 'Seed User' };
  const seeding = progressBar('seeding documents', DOCS);
  for (let from = 0; from < DOCS; from += 2_000) {
    const n = Math.min(2_000, DOCS - from);
    seeding.tick(n);
    const ids = Array.from({ length: n }, () => new Types.ObjectId());
    const ref = (i: number) => `C-2019-${String(from + i + 1).padStart(6, '0')}`;
    await contractModel(connection).collection.insertMany(
      ids.map((_id, i) => ({
        _id,
        ref: ref(i),
        externalKey: `ref:${ref(i)}`,
        title: `Seeded agreement ${from + i}`,
        type: 'nda',
        counterparty: `Counterparty ${(from + i) % 3_000}`,
        owner: by,
        ownerKey: 'slack:U0SEED',
        requester: by,
        requesterKey: 'slack:U0SEED',
        value: { amountMinor: 1_000_000, currency: 'USD' },
        startDate: '2019-01-01',
        endDate: '2019-12-31',
        effectiveEndDate: '2019-12-31',
        status: 'expired',
        keyTerms: {},
        versions: [{ version: 1, body: 'Seeded text. '.repeat(40), createdAt: now, createdBy: by }],
        revision: 3,
        createdAt: now,
        updatedAt: now,
      })) as never[],
    );
    const contractId = (i: number) => String(ids[i]);
    const roundId = (i: number) => `${contractId(i)}:1`;
    await auditEventModel(connection).collection.insertMany(
      ids.map((_, i) => ({
        _id: `${contractId(i)}:rev:1`,
        contractId: contractId(i),
        contractRef: ref(i),
        at: now,
        actor: by,
        platform: 'slack',
        action: 'submitted',
        fromStatus: 'draft',
        toStatus: 'in_review',
        revision: 1,
      })) as never[],
    );
    await approvalRoundModel(connection).collection.insertMany(
      ids.map((_, i) => ({
        _id: roundId(i),
        contractId: contractId(i),
        contractRef: ref(i),
        round: 1,
        contractVersion: 1,
        requester: by,
        stages: [{ name: 'Legal', slots: [{ kind: 'person', personId: 'lena' }], require: 'all', notify: 'both' }],
        createdAt: now,
        open: false,
      })) as never[],
    );
    await approvalDecisionModel(connection).collection.insertMany(
      ids.map((_, i) => ({
        _id: `${roundId(i)}:0:0`,
        roundId: roundId(i),
        stageIndex: 0,
        slotIndex: 0,
        approver: by,
        personId: 'lena',
        decision: 'approve',
        at: now,
      })) as never[],
    );
    await approvalClaimModel(connection).collection.insertMany(
      ids.map((_, i) => ({
        _id: `${roundId(i)}:0:complete`,
        roundId: roundId(i),
        kind: 'stage',
        stageIndex: 0,
        outcome: 'approved',
        countedSlots: [0],
        by,
        at: now,
      })) as never[],
    );
    await approvalMessageModel(connection).collection.insertMany(
      ids.map((_, i) => ({
        _id: `${roundId(i)}|slack|${CHANNEL}|${i}.${from}`,
        roundId: roundId(i),
        platform: 'slack',
        channelId: CHANNEL,
        messageId: `${i}.${from}`,
        at: now,
      })) as never[],
    );
  }
  seeding.stop();
  const seedMs = performance.now() - seedStart;

  // --- the cards (not timed) -------------------------------------------------------------------
  const cards: Array<{ ts: string; value: string }> = [];
  const prepStart = performance.now();
  for (let i = 0; i < CLICKS; i++) {
    const counterparty = `Bench Counterparty ${i}`;
    const body = viewSubmissionBody({
      userId: 'U0REP',
      callbackId: 'contract_request',
      values: requestValues(counterparty),
    });
    const res = await postToSlack(url, body, { secret: SECRET });
    if (res.status !== 200) throw new Error(`request ${i}: HTTP ${res.status} ${await res.text()}`);
    const card = await waitUntil(() => approveCard(counterparty), 120_000, `the card for ${counterparty}`);
    cards.push(card);
  }
  const prepMs = performance.now() - prepStart;

  // --- the clicks ------------------------------------------------------------------------------
  const times: number[] = [];
  const updatesPerClick: number[] = [];
  let cardFirst = 0;
  for (const [i, card] of cards.entries()) {
    const before = slack.calls().length;
    const started = performance.now();
    const res = await postToSlack(
      url,
      blockActionsBody({
        userId: 'U0LEGAL',
        actionId: 'approval.approve',
        value: card.value,
        messageTs: card.ts,
        channelId: CHANNEL,
        responseUrl: slack.responseUrl(`click-${i}`),
      }),
      { secret: SECRET },
    );
    if (res.status !== 200) throw new Error(`click ${i}: HTTP ${res.status}`);
    await slack.waitFor('chat.update', (c) => c.args.ts === card.ts && slack.calls().indexOf(c) >= before, 120_000);
    times.push(performance.now() - started);
    // Let the click's other work finish (no Slack call for 500 ms) before the next one, then see what it did.
    for (let seen = -1, waited = 0; seen !== slack.calls().length && waited < 120_000; waited += 500) {
      seen = slack.calls().length;
      await new Promise((r) => setTimeout(r, 500));
    }
    const mine = slack.calls().slice(before);
    updatesPerClick.push(mine.filter((c) => c.method === 'chat.update' && c.args.ts === card.ts).length);
    const firstPost = mine.findIndex((c) => c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral');
    const firstUpdate = mine.findIndex((c) => c.method === 'chat.update' && c.args.ts === card.ts);
    if (firstPost === -1 || firstUpdate < firstPost) cardFirst++;
  }

  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(`Click to card update (${database.description.split(' on ')[0]})`);
  console.log(
    `seeded                 ${DOCS.toLocaleString('en-US')} documents in each of contracts, audit_events and the four approval collections in ${(seedMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `cards posted           ${CLICKS} through the request modal in ${(prepMs / 1000).toFixed(1)} s (${ms(prepMs / CLICKS)} each, not part of the figure)`,
  );
  console.log(
    `click -> chat.update   p50 ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}  max ${ms(Math.max(...times))}  (${times.length} clicks, one after another)`,
  );
  console.log(
    `chat.update per click  ${[...new Set(updatesPerClick)].sort().join(' or ')}; card updated before any other message in ${cardFirst} of ${cards.length} clicks`,
  );
} finally {
  await service.stop();
  await database.stop();
  await slack.stop();
  await rm(dataDir, { recursive: true, force: true });
}

function approveCard(counterparty: string): { ts: string; value: string } | undefined {
  for (const m of [...slack.messages(CHANNEL)].reverse()) {
    if (!m.text.includes(counterparty)) continue;
    for (const b of (m.blocks ?? []) as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>) {
      for (const e of b.elements ?? []) if (e.action_id === 'approval.approve' && e.value) return { ts: m.ts, value: e.value };
    }
  }
  return undefined;
}

function requestValues(counterparty: string): Record<string, Record<string, unknown>> {
  // The request modal's state, as test/bots/slack/slack-harness.ts's requestValues fills it.
  const text = (v: string | null) => ({ type: 'plain_text_input', value: v });
  const num = (v: string | null) => ({ type: 'number_input', value: v });
  const select = (v: string) => ({ type: 'static_select', selected_option: { text: { type: 'plain_text', text: v }, value: v } });
  const entries: Record<string, unknown> = {
    template: select('nda-v1'),
    counterparty: text(counterparty),
    title: text(null),
    value: text('10,000'),
    currency: select('USD'),
    start_date: { type: 'datepicker', selected_date: '2026-04-01' },
    term_months: num('12'),
    end_date: { type: 'datepicker', selected_date: null },
    auto_renews: { type: 'checkboxes', selected_options: [] },
    renewal_term_months: num(null),
    notice_period_days: num('30'),
    governing_law: text('the laws of England and Wales'),
    owner: { type: 'users_select', selected_user: 'U0REP' },
    notes: text(null),
  };
  return Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, { [k]: v }]));
}
