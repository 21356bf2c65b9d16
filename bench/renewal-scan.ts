/**
 * npm run bench:renewals [-- --contracts 100000 --batch 500]
 * Loads N contracts straight into the contracts collection (bulk insertMany with the mongoose
 * model, a realistic spread of end dates and notice periods), then runs the daily renewal scan
 * once with a ManualClock and a counting notifier (the first scan ever: every contract inside its
 * 90-day window gets its one catch-up nudge), and once more the same day (everything already
 * claimed), and on the next day (a steady daily run). Prints load time, scan time, RSS/heap and
 * what the scan did. Uses MONGODB_URI when set, else the embedded server `npm start` uses (a
 * throw-away FerretDB here; `--stock` for stock FerretDB without the filter-pushdown patch).
 */
import { progressBar } from '../src/cli/cli-kit.js';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Types } from 'mongoose';
import { addDays } from '../src/core/domain/calendar-date.js';
import { noticeDeadline, renewalStep } from '../src/core/domain/renewal-schedule.js';
import { ManualClock } from '../src/core/ports/clock.js';
import type { ChatNotifier } from '../src/core/ports/chat-notifier.js';
import { utcUserDirectory } from '../src/core/ports/user-directory.js';
import { DEFAULT_DELIVERY_TIMING } from '../src/core/ports/outbox.js';
import type { RenewalDeps } from '../src/core/services/renewal-deps.js';
import { runRenewalScan } from '../src/core/services/run-renewal-scan.js';
import { connectDatabase } from '../src/infra/mongo/connect-database.js';
import { contractModel } from '../src/infra/mongo/models/contract-model.js';
import { createMongoOutbox } from '../src/infra/mongo/mongo-outbox.js';
import { createMongoRenewalRepository } from '../src/infra/mongo/mongo-renewal-repository.js';
import { createMongoStore } from '../src/infra/mongo/mongo-store.js';
import { provisionDatabase } from '../src/infra/mongo/provision/provision-database.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const CONTRACTS = flag('contracts', 100_000);
const BATCH = flag('batch', 500);
/** Contracts whose term ended yesterday (roll-over or expiry today): a day's worth at 100,000. */
const ENDED = flag('ended', 50);
/**
 * `--steady`: the outbox already holds what the scans of earlier days sent (seeded in bulk from
 * the schedule), so scan 1 is an ordinary day rather than the first scan ever.
 */
const STEADY = args.includes('--steady');
/** `--once`: only scan 1 (for large runs, where each scan is long on FerretDB). */
const ONCE = args.includes('--once');
/** `--stock`: the embedded database is stock FerretDB v1.24.2, without the filter-pushdown patch (side-by-side figures). */
const STOCK = args.includes('--stock');
const TODAY = '2026-06-01';

let seed = 7;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 25);

const log = { info: (o: unknown, m?: string) => console.error('[db]', m ?? o), warn: (o: unknown, m?: string) => console.error('[db]', m ?? o) };
const database = await provisionDatabase({
  uri: process.env.MONGODB_URI,
  cacheDir: process.env.CLAUSE_CACHE_DIR ?? join(homedir(), '.cache', 'clause'),
  logger: log,
  ferretDbPatched: !STOCK,
});
const dbName = `clause_bench_renewals_${randomBytes(3).toString('hex')}`;
const connection = await connectDatabase(database.uri, dbName);
const clock = new ManualClock(`${TODAY}T06:00:00Z`);
const store = await createMongoStore(connection, clock);

try {
  // --- load -----------------------------------------------------------------------------------
  const Contract = contractModel(connection);
  const loadStart = performance.now();
  const now = clock.now();
  const CURRENCIES = ['USD', 'USD', 'USD', 'EUR', 'EUR', 'GBP'];
  const OFFSETS = [90, 60, 30, 7, 0];
  let seeded = 0;
  const loading = progressBar('loading contracts', CONTRACTS);
  for (let from = 0; from < CONTRACTS; from += 5_000) {
    const docs = [];
    for (let i = from; i < Math.min(CONTRACTS, from + 5_000); i++) {
      // End dates from today to 3 years ahead (ENDED of them yesterday); 1 in 10 has no end date.
      const endDate = i < ENDED ? addDays(TODAY, -1) : rand() < 0.1 ? undefined : addDays(TODAY, Math.floor(rand() * 3 * 365));
      const owner = { platform: 'slack', id: `U${String(i % 800).padStart(6, '0')}`, displayName: `Owner ${i % 800}` };
      const ref = `C-2026-${String(i + 1).padStart(7, '0')}`;
      const autoRenews = rand() < 0.5;
      // Drawn in the order of the original document literal, so the data set is unchanged.
      const type = pick(['msa', 'nda', 'sow', 'order_form']);
      const value = { amountMinor: Math.floor(rand() * 50_000_000), currency: pick(CURRENCIES) };
      const renewalTermMonths = autoRenews ? pick([12, 12, 24, 36]) : undefined;
      const noticePeriodDays = pick([0, 30, 30, 60, 90]);
      docs.push({
        _id: new Types.ObjectId(),
        ref,
        externalKey: `ref:${ref}`,
        title: `Agreement ${i + 1}`,
        type,
        counterparty: `Counterparty ${i % 5_000}`,
        owner,
        ownerKey: `slack:${owner.id}`,
        requester: owner,
        requesterKey: `slack:${owner.id}`,
        value,
        startDate: endDate ? addDays(endDate, -364) : '2026-01-01',
        // With the fields the contract repository derives on every write (derivedFields).
        ...(endDate ? { endDate, effectiveEndDate: endDate, noticeDeadline: noticeDeadline(endDate, noticePeriodDays) } : {}),
        autoRenews,
        ...(renewalTermMonths ? { renewalTermMonths } : {}),
        noticePeriodDays,
        status: i < ENDED || rand() < 0.85 ? 'active' : pick(['expired', 'terminated', 'draft']),
        keyTerms: {},
        versions: [],
        revision: 0,
        createdAt: now,
        updatedAt: now,
      });
    }
    await Contract.collection.insertMany(docs, { ordered: false });
    if (STEADY) {
      // What yesterday's and earlier scans recorded: every ladder step due by yesterday, as sent.
      const yesterday = addDays(TODAY, -1);
      const outbox = [];
      for (const d of docs) {
        if (d.status !== 'active') continue;
        const step = renewalStep(d as never, yesterday, OFFSETS);
        if (step.kind !== 'nudge') continue;
        for (const offset of [...step.skipped, step.offset]) {
          outbox.push({
            _id: `${String(d._id)}:${step.termEnd}:${offset}`,
            kind: 'renewal_nudge',
            subjectId: String(d._id),
            status: 'sent',
            attempts: 1,
            claimedAt: now,
            sentAt: now,
            delivered: { '0': { platform: 'slack', channelId: d.owner.id, messageId: '1.0' } },
            details: { contractRef: d.ref, termEnd: step.termEnd, offset },
          });
        }
      }
      if (outbox.length > 0) await connection.collection('renewal_nudges').insertMany(outbox as never[], { ordered: false });
      seeded += outbox.length;
    }
    loading.tick(docs.length);
  }
  loading.stop();
  const loadMs = performance.now() - loadStart;

  // --- scan -----------------------------------------------------------------------------------
  let messages = 0;
  const notifier: ChatNotifier = {
    send: async (target) => {
      messages++;
      return {
        status: 'delivered',
        ref: { platform: 'slack', channelId: target.kind === 'user' ? target.user.id : target.channelId, messageId: String(messages) },
      };
    },
    update: async () => undefined,
  };
  const renewals = await createMongoRenewalRepository(connection);
  const deps: RenewalDeps = {
    ...store,
    renewals,
    nudges: await createMongoOutbox(connection, 'renewal_nudges'),
    notifier,
    users: utcUserDirectory,
    settings: { offsets: OFFSETS },
    delivery: DEFAULT_DELIVERY_TIMING,
  };
  // Contracts loaded in bulk bypass the repository, so the notice periods and deadlines are
  // backfilled once, as on the first scan after an upgrade (not part of a day's scan; here the
  // deadlines were loaded with the contracts, so that backfill reads and finds nothing to write).
  const backfillStart = performance.now();
  await deps.renewals.maxNoticePeriodDays();
  await renewals.backfillNoticeDeadlines();
  const backfillMs = performance.now() - backfillStart;
  global.gc?.();
  const base = process.memoryUsage();
  peakRss = base.rss;
  peakHeap = base.heapUsed;
  const scanStart = performance.now();
  const first = await runRenewalScan(deps, { batchSize: BATCH });
  const scanMs = performance.now() - scanStart;
  const firstPeak = { rss: peakRss, heap: peakHeap };
  const sentBefore = messages;
  const skipped = { ...first, nudgesSent: 0, nudgesUnsent: 0, alreadyHandled: 0, rolledOver: 0, expired: 0, failures: [] };
  const againStart = performance.now();
  const again = ONCE ? skipped : await runRenewalScan(deps, { batchSize: BATCH });
  const againMs = performance.now() - againStart;
  // The next day: what a steady daily run does (that day's new ladder steps only).
  clock.advanceDays(1);
  const nextStart = performance.now();
  const next = ONCE ? skipped : await runRenewalScan(deps, { batchSize: BATCH });
  const nextMs = performance.now() - nextStart;
  const queued = await connection.collection('renewal_nudges').countDocuments({});

  const { failures, ...counts } = first;
  const queuedOf = (r: typeof first) => r.nudgesSent + r.nudgesUnsent;
  const fmt = (n: number) => n.toLocaleString('en-US');
  console.log(`Renewal scan benchmark (${database.description.split(' on ')[0]}, batch ${BATCH}${STEADY ? ', steady state' : ''})`);
  console.log(`contracts loaded         ${fmt(CONTRACTS)} in ${seconds(loadMs)}${STEADY ? `; outbox seeded with ${fmt(seeded)} earlier nudges` : ''}`);
  console.log(`notice periods/deadlines backfill ${seconds(backfillMs)} (once per database, after a bulk load)`);
  console.log(`scan 1 (today ${TODAY})  ${seconds(scanMs)}; read ${fmt(counts.scanned)} active contracts in the horizon`);
  console.log(
    `  nudges queued / sent   ${fmt(queuedOf(first))} / ${fmt(counts.nudgesSent)} (${fmt(sentBefore)} messages), already handled ${fmt(counts.alreadyHandled)}`,
  );
  console.log(`  rolled over / expired  ${counts.rolledOver} / ${counts.expired}; failures ${failures.length}`);
  console.log(`  memory                 RSS ${mb(base.rss)} -> peak ${mb(firstPeak.rss)}; heap ${mb(base.heapUsed)} -> peak ${mb(firstPeak.heap)}`);
  if (ONCE) console.log('scans 2 and 3 not run (--once)');
  else
    console.log(
      `scan 2 (same day)        ${seconds(againMs)}; nudges queued ${again.nudgesSent + again.nudgesUnsent}, already handled ${fmt(again.alreadyHandled)}, rolled over / expired ${again.rolledOver} / ${again.expired}, failures ${again.failures.length}`,
    );
  if (!ONCE)
    console.log(
      `scan 3 (next day)        ${seconds(nextMs)}; nudges queued ${queuedOf(next)} (${messages - sentBefore} messages), rolled over / expired ${next.rolledOver} / ${next.expired}, failures ${next.failures.length}`,
    );
  console.log(`  memory                 peak over all scans RSS ${mb(peakRss)}, heap ${mb(peakHeap)}`);
  console.log(`renewal_nudges documents ${fmt(queued)} at the end (sent + skipped${STEADY ? ' + seeded' : ''})`);
  const allFailures = [...failures, ...again.failures, ...next.failures];
  if (allFailures.length > 0) console.log('first failures', allFailures.slice(0, 3));
} finally {
  clearInterval(sampler);
  await connection.dropDatabase().catch(() => undefined);
  await connection.close();
  await database.stop();
}
