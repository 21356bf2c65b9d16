/**
 * Slack acknowledgement latency under load: Clause vs a bare Bolt app that only acknowledges.
 *
 *   npm run bench:slack [-- --connections 20,100,200 --seconds 10 --pairs 1]
 *
 * For each connection count, `--pairs` runs of the bare app then Clause (alternated, so a change in
 * the machine's load hits both), each printed as one line with p50/p99/max, the late
 * acknowledgements (Bolt's "not acknowledged within 3 seconds"), the errors logged and the
 * event-loop delay seen during the run; then a side-by-side summary per connection count.
 *
 * Both servers run here on loopback with the same signing secret; the load generator (autocannon)
 * runs in its own process, as Slack does (`--client-in-process` runs it on the servers' event loop,
 * how the figures before 2026-12-03 were made). The load is a mix of signed
 * slash commands (`/contract list`, `/contract help`) and button clicks (Approve on a round that
 * does not exist, which Clause acknowledges and then refuses ephemerally). Clause runs against
 * the embedded database (FerretDB, or MONGODB_URI) and the Slack Web API emulator. The loop is
 * bounded: each target gets `--seconds` of load, and the run stops by itself.
 */
import { mkdtemp } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import express from 'express';
import boltPkg from '@slack/bolt';
import { startService } from '../src/app/start-service.js';
import { loadEnv } from '../src/config/env.js';
import { createLogger } from '../src/infra/logger.js';
import { provisionDatabase } from '../src/infra/mongo/provision/provision-database.js';
import { SlackApiEmulator } from '../test/emulators/slack-api-emulator.js';
import { type ClientResult, type ClientRun, runClient } from './slack-ack-client.js';

const { App, ExpressReceiver } = boltPkg;
const SECRET = 'bench-signing-secret';
const BENCH_USER = { id: 'U0BENCH', name: 'bench', realName: 'Bench User', email: 'bench@example.com' };

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
function argList(name: string, fallback: number[]): number[] {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0
    ? String(process.argv[i + 1])
        .split(',')
        .map(Number)
        .filter((n) => n > 0)
    : fallback;
}
const connectionCounts = argList('connections', [20, 100, 200]);
const seconds = Math.min(arg('seconds', 10), 60);
const pairs = Math.max(1, Math.min(arg('pairs', 1), 10));
/** `--only clause` (or `bare-bolt`) loads one target, e.g. under --cpu-prof. */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

/** What each app logged during a run: Bolt's late-acknowledgement line and anything at error. */
const counts = { clause: { late: 0, errors: 0 }, bare: { late: 0, errors: 0 } };
const LATE = 'not acknowledged within 3 seconds';
const errorSamples = new Set<string>();
function countingDestination(): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { level: number; msg: string };
        if (entry.msg.includes(LATE)) counts.clause.late++;
        else if (entry.level >= 50) {
          counts.clause.errors++;
          if (errorSamples.size < 5) errorSamples.add(line.slice(0, 400));
        }
      }
      done();
    },
  });
}
const bareLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (...msgs: unknown[]) => {
    if (msgs.some((m) => typeof m === 'string' && m.includes(LATE))) counts.bare.late++;
    else counts.bare.errors++;
  },
  setLevel: () => undefined,
  getLevel: () => boltPkg.LogLevel.ERROR,
  setName: () => undefined,
};

let responseUrl = 'https://hooks.slack.com/commands/T0CLAUSE/1/abc';
let runs = 0;
/** `--client-in-process`: autocannon on the servers' event loop (how the figures before 2026-12-03 were made). */
const inProcess = process.argv.includes('--client-in-process');

/** One autocannon run against a port: in the load generator's own process unless --client-in-process. */
async function client(port: number, connections: number, opts: { seconds?: number; amount?: number }): Promise<ClientResult> {
  const run: ClientRun = { url: `http://127.0.0.1:${port}`, connections, ...opts, secret: SECRET, responseUrl, runId: `${process.pid}-${++runs}` };
  if (inProcess) return runClient(run);
  generator ??= fork(fileURLToPath(new URL('./slack-ack-client.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, CLAUSE_SLACK_ACK_CLIENT: '1' },
  });
  const child = generator;
  const reply = await new Promise<{ ok: boolean; result?: ClientResult; error?: string }>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (m) => {
      child.off('exit', onExit);
      resolve(m as { ok: boolean; result?: ClientResult; error?: string });
    });
    child.send(run);
  });
  if (!reply.ok || !reply.result) throw new Error(`load generator failed: ${reply.error}`);
  return reply.result;
}
let generator: ChildProcess | undefined;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  return typeof a === 'object' && a ? a.port : 0;
}

async function bareBolt(apiUrl: string): Promise<{ port: number; close: () => Promise<void> }> {
  const http = express();
  const receiver = new ExpressReceiver({ signingSecret: SECRET, endpoints: '/slack/events', app: http, processBeforeResponse: false, logger: bareLogger });
  const app = new App({ receiver, token: 'xoxb-bench-token', clientOptions: { slackApiUrl: apiUrl }, logger: bareLogger });
  app.command('/contract', async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  const server = createServer(http);
  const port = await listen(server);
  return { port, close: () => new Promise((r) => server.close(() => r())) };
}

type Line = {
  target: string;
  connections: number;
  requests: number;
  throughputPerSec: number;
  p50ms: number;
  p99ms: number;
  maxMs: number;
  lateAcks: number;
  errors: number;
  non2xx: number;
  loopP99ms: number;
  loopMaxMs: number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function load(name: 'bare-bolt' | 'clause', port: number, connections: number): Promise<Line> {
  const key = name === 'clause' ? 'clause' : 'bare';
  counts[key] = { late: 0, errors: 0 };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const result = await client(port, connections, { seconds });
  loop.disable();
  // Bolt's 3-second timer of a request sent near the end fires after the load stops; the work
  // after ack() drains meanwhile, so the next run starts on a quiet process.
  await sleep(4000);
  const line: Line = {
    target: name,
    connections,
    requests: result.requests,
    throughputPerSec: Math.round(result.average),
    p50ms: result.p50,
    p99ms: result.p99,
    maxMs: result.max,
    lateAcks: counts[key].late,
    errors: counts[key].errors + result.errors + result.timeouts,
    non2xx: result.non2xx,
    loopP99ms: Math.round(loop.percentile(99) / 1e6),
    loopMaxMs: Math.round(loop.max / 1e6),
  };
  console.log(JSON.stringify(line));
  return line;
}

async function main() {
  const slack = new SlackApiEmulator({ botToken: 'xoxb-bench-token' });
  await slack.start();
  slack.addUser(BENCH_USER);
  responseUrl = slack.responseUrl('bench');
  const logger = createLogger('silent');
  const database = await provisionDatabase({
    uri: process.env.MONGODB_URI,
    dataDir: await mkdtemp(join(tmpdir(), 'clause-bench-')),
    cacheDir: process.env.CLAUSE_CACHE_DIR ?? join(homedir(), '.cache', 'clause'),
    logger,
  });
  const clause = await startService({
    env: loadEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      MONGODB_DB_NAME: 'clause_bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-bench-token',
      SLACK_API_URL: slack.apiUrl,
      SLACK_APPROVALS_CHANNEL: 'C0BENCH',
      // One bench user from one address: the per-user/IP limits would answer most requests "slow
      // down" (also fast); off, so every request takes the full path. The guard's checks and its
      // claim insert stay on.
      RATE_LIMIT_USER_PER_MINUTE: '0',
      RATE_LIMIT_IP_PER_MINUTE: '0',
    }),
    logger: createLogger('warn', countingDestination()),
    database,
  });
  const bare = await bareBolt(slack.apiUrl);
  console.log(
    JSON.stringify({
      connections: connectionCounts,
      seconds,
      pairs,
      client: inProcess ? 'in-process' : 'own process',
      mix: ['/contract list', '/contract help', 'approval.approve click (Home tab)'],
    }),
  );
  const summary: string[] = [];
  try {
    // Warm both up briefly so JIT and connection pools are not measured.
    await client(bare.port, 2, { amount: 50 });
    await client(clause.port, 2, { amount: 50 });
    await sleep(2000);
    for (const connections of connectionCounts) {
      for (let pair = 1; pair <= pairs; pair++) {
        const skipped: Line = {
          target: 'skipped',
          connections,
          requests: 0,
          throughputPerSec: 0,
          p50ms: 0,
          p99ms: 0,
          maxMs: 0,
          lateAcks: 0,
          errors: 0,
          non2xx: 0,
          loopP99ms: 0,
          loopMaxMs: 0,
        };
        const b = only === 'clause' ? skipped : await load('bare-bolt', bare.port, connections);
        // The emulator keeps every call and reply it received (for tests); forgotten before each
        // run, so the emulator's growing memory in this process is not charged to the next run.
        slack.reset();
        slack.addUser(BENCH_USER);
        const c = only === 'bare-bolt' ? skipped : await load('clause', clause.port, connections);
        const f = (l: Line) =>
          `${String(l.throughputPerSec).padStart(4)}/s p50 ${String(l.p50ms).padStart(4)} p99 ${String(l.p99ms).padStart(4)} max ${String(l.maxMs).padStart(4)} late ${l.lateAcks} err ${l.errors}`;
        summary.push(
          `${String(connections).padStart(3)} conn #${pair}  bare ${f(b)} | clause ${f(c)} | p99 ${(c.p99ms / Math.max(b.p99ms, 0.001)).toFixed(2)}x`,
        );
      }
    }
    console.log(summary.join('\n'));
    if (errorSamples.size > 0) console.log(`errors logged by Clause (first 5):\n${[...errorSamples].join('\n')}`);
  } finally {
    generator?.kill();
    await bare.close();
    await clause.stop();
    await database.stop();
    await slack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
