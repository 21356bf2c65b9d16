import type { Connection } from 'mongoose';
import { SlackApiEmulator, type SlackFailure } from '../emulators/slack-api-emulator.js';
import { testMongoUri } from '../support/database.js';
import { mkdtemp } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFerretDbBinary, startFerretDb } from '../../src/infra/mongo/provision/ferretdb.js';
import { allSettled, FAST_SETTINGS, seedScenario, serverPidUnder, START, tally, until, WorkerProcess, writeReport, type FaultRow } from './fault-harness.js';

/**
 * Fault injection against the real worker (`src/worker.ts` as child processes, through tsx),
 * a shared database and the Slack API emulator. Every scenario seeds contracts whose
 * deadline-day nudge is due, injects a fault, and counts per contract the Slack messages that
 * carry the nudge's delivery id: each must be delivered exactly once, or, when Slack never
 * recovers, reported failed with the reason after the retry deadline. Nothing lost, nothing twice.
 */
const SIGNING_SECRET = 'faults-signing-secret';
const rows: FaultRow[] = [];

describe('delivery under faults (real worker processes, shared database, Slack emulator)', () => {
  const slack = new SlackApiEmulator();
  let uri: string;
  const open: Connection[] = [];
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    await slack.start();
    uri = testMongoUri();
  });
  afterEach(async () => {
    await Promise.all(
      workers.splice(0).map((w) => {
        w.kill('SIGKILL');
        return w.exited;
      }),
    );
  });
  afterAll(async () => {
    await writeReport(rows);
    for (const c of open) {
      await c.dropDatabase().catch(() => undefined);
      await c.close();
    }
    await slack.stop();
  });

  function worker(dbName: string, settings: Record<string, string> = {}, dbUri = uri): WorkerProcess {
    const w = new WorkerProcess({
      MONGODB_URI: dbUri,
      MONGODB_DB_NAME: dbName,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      CLAUSE_TEST_CLOCK: START,
      ...FAST_SETTINGS,
      ...settings,
    });
    workers.push(w);
    return w;
  }

  async function seed(label: string, contracts: number, dbUri = uri) {
    slack.reset();
    const s = await seedScenario(dbUri, label, contracts);
    open.push(s.connection);
    for (const id of s.owners) slack.addUser({ id, name: id.toLowerCase() });
    return s;
  }

  /** Waits for every nudge to settle, stops the workers (so nothing more can be sent), and counts. */
  async function finish(name: string, s: { connection: Connection; nudgeIds: string[] }, timeoutMs = 60_000) {
    await until(() => allSettled(s.connection, s.nudgeIds), timeoutMs, `${name}: every nudge sent or reported failed`);
    for (const w of workers) expect([0, null]).toContain(await w.stop());
    const row = await tally(name, slack, s.connection, s.nudgeIds);
    const { failures, ...counts } = row;
    rows.push(counts);
    expect(row.duplicates).toBe(0);
    expect(row.lost).toBe(0);
    expect(row.deliveredOnce + row.reportedFailed).toBe(row.due);
    return row;
  }

  const transientOnce: Array<[string, SlackFailure]> = [
    ['Slack HTTP 500, once per post (first 3 posts)', { status: 500, times: 3 }],
    ['Slack 429 with Retry-After: 1, first 3 posts', { status: 429, retryAfter: 1, times: 3 }],
    ['Slack ok:false internal_error, first 3 posts', { error: 'internal_error', times: 3 }],
    ['Slack time-out after posting (answer lost), first 3 posts', { afterProcessing: true, delayMs: 1_500, times: 3 }],
  ];
  const TIMEOUT_ONCE = 3;
  it.each(transientOnce)(
    '%s: every nudge delivered exactly once',
    async (name, failure) => {
      const s = await seed(`once_${transientOnce.findIndex(([n]) => n === name)}`, 6);
      slack.failNext('chat.postMessage', failure);
      await worker(s.dbName).started();
      const row = await finish(name, s);
      expect(row.deliveredOnce).toBe(6);
      if (name === transientOnce[TIMEOUT_ONCE]![0]) {
        // Slack had posted them: the re-sends looked in the history and found them; nothing was posted twice.
        expect(slack.calls('chat.postMessage')).toHaveLength(6);
        expect(slack.calls('conversations.history').length).toBeGreaterThanOrEqual(3);
      } else {
        expect(slack.calls('chat.postMessage').length).toBeGreaterThan(6); // the failures were retried
      }
    },
    120_000,
  );

  const transientAlways: Array<[string, Omit<SlackFailure, 'times'>, RegExp]> = [
    ['Slack HTTP 500, always', { status: 500 }, /Slack answered HTTP 500/],
    ['Slack 429, always', { status: 429, retryAfter: 1 }, /Slack rate limit \(429\)/],
    ['Slack ok:false internal_error, always', { error: 'internal_error' }, /Slack answered internal_error/],
    ['Slack hangs (time-out), always', { delayMs: 5_000 }, /Slack did not answer in time/],
  ];
  it.each(transientAlways)(
    '%s: every nudge reported failed with the reason after the retry deadline, none lost',
    async (name, failure, reason) => {
      const s = await seed(`always_${transientAlways.findIndex(([n]) => n === name)}`, 4);
      slack.failAlways('chat.postMessage', failure);
      await worker(s.dbName, { DELIVERY_GIVE_UP_AFTER_MS: '5000' }).started();
      const row = await finish(name, s);
      expect(row.reportedFailed).toBe(4);
      for (const f of row.failures) expect(f.reason).toMatch(reason);
      expect(f0(row.failures).reason).toMatch(/^not delivered by .* after \d+ attempts?: /);
      slack.clearFailures();
    },
    120_000,
  );

  it('kill -9 of a worker with posts in flight (Slack posted, answers pending): a second worker re-sends after the lease, finding the posted ones in history', async () => {
    const name = 'kill -9 of the worker mid-scan';
    const s = await seed('kill9', 8);
    // Slack posts at once and answers 400 ms later: a kill lands with posts made but not recorded.
    slack.failAlways('chat.postMessage', { afterProcessing: true, delayMs: 400 });
    const a = worker(s.dbName);
    await a.started();
    await until(() => slack.deliveries().length >= 3, 30_000, 'posts in flight');
    a.kill('SIGKILL');
    await a.exited;
    slack.clearFailures();
    // Posted by A, but A died before recording them.
    const docs = new Map(
      (await s.connection.collection<{ _id: string; status: string; delivered?: object }>('renewal_nudges').find().toArray()).map((d) => [d._id, d]),
    );
    const unrecorded = slack.deliveries().filter((d) => {
      const doc = docs.get(d.deliveryId.split('/')[1]!);
      return doc?.status === 'queued' && Object.keys(doc.delivered ?? {}).length === 0;
    }).length;
    const b = worker(s.dbName);
    await b.started();
    const row = await finish(name, s);
    expect(row.deliveredOnce).toBe(8);
    // Each one A had posted without recording was found in the history by B, not posted again.
    expect(b.logs.filter((l) => l.msg === 'Slack message of an earlier attempt found; not posting it again').length).toBeGreaterThanOrEqual(unrecorded);
    expect(slack.calls('chat.postMessage')).toHaveLength(8);
  }, 120_000);

  it('SIGTERM mid-scan: the worker stops claiming, lets in-flight sends finish, unlocks its jobs and exits 0; a second worker finishes the day', async () => {
    const name = 'SIGTERM to the worker mid-scan';
    const s = await seed('sigterm', 8);
    slack.failAlways('chat.postMessage', { delayMs: 300 });
    const a = worker(s.dbName);
    await a.started();
    await until(() => slack.deliveries().length >= 2, 30_000, 'some nudges sent');
    a.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(a.logs.some((l) => l.msg === 'worker stopped')).toBe(true);
    const locked = await s.connection.collection('agenda_jobs').countDocuments({ lastModifiedBy: `clause-${a.pid}`, lockedAt: { $ne: null } });
    expect(locked).toBe(0);
    slack.clearFailures();
    worker(s.dbName);
    const row = await finish(name, s);
    expect(row.deliveredOnce).toBe(8);
  }, 120_000);

  it('kill -9 of the database mid-scan and restart: one warning, one recovery line, every nudge delivered exactly once', async () => {
    const name = 'kill -9 of the database mid-scan, then restart';
    const binary = await ensureFerretDbBinary(process.env.CLAUSE_CACHE_DIR ?? join(homedir(), '.cache', 'clause'), {
      info: () => undefined,
      warn: () => undefined,
    });
    if (!binary) throw new Error('this scenario needs FerretDB (built from Go) so it can kill and restart the database');
    const ferret = await startFerretDb(binary, await mkdtemp(join(tmpdir(), 'clause-faults-db-')));
    try {
      const s = await seed('dbkill', 10, ferret.uri);
      slack.failAlways('chat.postMessage', { delayMs: 300 });
      const w = worker(s.dbName, {}, ferret.uri);
      await w.started();
      await until(() => slack.deliveries().length >= 2, 30_000, 'some nudges sent');
      process.kill(await serverPidUnder(ferret.pid!), 'SIGKILL');
      await until(() => w.logs.find((l) => l.level === 40 && /^database unreachable/.test(l.msg)), 30_000, 'the outage warning');
      await ferret.restart();
      slack.clearFailures();
      await until(() => w.logs.find((l) => /^database reachable again/.test(l.msg)), 30_000, 'the recovery line');
      const row = await finish(name, s, 90_000);
      expect(row.deliveredOnce).toBe(10);
      expect(w.logs.filter((l) => /^database unreachable/.test(l.msg))).toHaveLength(1);
      expect(w.logs.filter((l) => /^database reachable again/.test(l.msg))).toHaveLength(1);
      expect(w.logs.find((l) => /^database unreachable/.test(l.msg))).toMatchObject({ paused: expect.stringContaining('renewal scan') });
    } finally {
      await ferret.stop();
    }
  }, 150_000);

  it('two workers at once: each nudge sent once', async () => {
    const name = 'two workers started together';
    const s = await seed('two', 10);
    const [a, b] = [worker(s.dbName), worker(s.dbName)];
    await Promise.all([a.started(), b.started()]);
    const row = await finish(name, s);
    expect(row.deliveredOnce).toBe(10);
  }, 120_000);
});

function f0<T>(list: T[]): T {
  if (list.length === 0) throw new Error('no failures recorded');
  return list[0]!;
}
