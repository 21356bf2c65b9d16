/**
 * Slack acknowledgement latency under load: Clause vs a bare Bolt app that only acknowledges.
 *
 *   npm run bench:slack [-- --connections 20 --seconds 10]
 *
 * Both servers run here on loopback with the same signing secret. The load is a mix of signed
 * slash commands (`/contract list`, `/contract help`) and button clicks (Approve on a round that
 * does not exist, which Clause acknowledges and then refuses ephemerally). Clause runs against
 * the embedded database (FerretDB, or MONGODB_URI) and the Slack Web API emulator. The loop is
 * bounded: each target gets `--seconds` of load, and the run stops by itself.
 */
import { mkdtemp } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import autocannon from 'autocannon';
import express from 'express';
import boltPkg from '@slack/bolt';
import { startService } from '../src/app/start-service.js';
import { loadEnv } from '../src/config/env.js';
import { createLogger } from '../src/infra/logger.js';
import { provisionDatabase } from '../src/infra/mongo/provision/provision-database.js';
import { SlackApiEmulator } from '../test/emulators/slack-api-emulator.js';
import { blockActionsBody, signSlackRequest, slashCommandBody } from '../test/support/slack-signing.js';

const { App, ExpressReceiver } = boltPkg;
const SECRET = 'bench-signing-secret';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const connections = arg('connections', 20);
const seconds = Math.min(arg('seconds', 10), 60);

let sent = 0;
/**
 * Signed requests, each one fresh: a new trigger id and a signature made when it is sent, as Slack
 * does (Clause refuses an exact replay of an earlier request since issue 11).
 */
function signedRequests(): autocannon.Request[] {
  const bodies: Array<() => string> = [
    () => slashCommandBody({ text: 'list', userId: 'U0BENCH', triggerId: `bench.${++sent}.cmd` }),
    () => slashCommandBody({ text: 'help', userId: 'U0BENCH', triggerId: `bench.${++sent}.cmd` }),
    () =>
      blockActionsBody({
        userId: 'U0BENCH',
        actionId: 'approval.approve',
        value: JSON.stringify({ roundId: '000000000000000000000000', stage: '0' }),
        triggerId: `bench.${++sent}.click`,
      }),
  ];
  return bodies.map((make) => ({
    method: 'POST',
    path: '/slack/events',
    setupRequest: (req: autocannon.Request) => {
      const body = make();
      return { ...req, body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) } };
    },
  }));
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  return typeof a === 'object' && a ? a.port : 0;
}

async function bareBolt(apiUrl: string): Promise<{ port: number; close: () => Promise<void> }> {
  const http = express();
  const receiver = new ExpressReceiver({ signingSecret: SECRET, endpoints: '/slack/events', app: http, processBeforeResponse: false });
  const app = new App({ receiver, token: 'xoxb-bench-token', tokenVerificationEnabled: false, clientOptions: { slackApiUrl: apiUrl } });
  app.command('/contract', async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  const server = createServer(http);
  const port = await listen(server);
  return { port, close: () => new Promise((r) => server.close(() => r())) };
}

async function load(name: string, port: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: signedRequests(),
  });
  const line = {
    target: name,
    requests: result.requests.total,
    throughputPerSec: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  console.log(JSON.stringify(line));
  return line;
}

async function main() {
  const slack = new SlackApiEmulator({ botToken: 'xoxb-bench-token' });
  await slack.start();
  slack.addUser({ id: 'U0BENCH', name: 'bench', realName: 'Bench User', email: 'bench@example.com' });
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
      LOG_LEVEL: 'silent',
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
    logger,
    database,
  });
  const bare = await bareBolt(slack.apiUrl);
  console.log(JSON.stringify({ connections, seconds, mix: ['/contract list', '/contract help', 'approval.approve click'] }));
  try {
    // Warm both up briefly so JIT and connection pools are not measured.
    await autocannon({ url: `http://127.0.0.1:${bare.port}`, connections: 2, amount: 50, requests: signedRequests() });
    await autocannon({ url: `http://127.0.0.1:${clause.port}`, connections: 2, amount: 50, requests: signedRequests() });
    const b = await load('bare-bolt', bare.port);
    const c = await load('clause', clause.port);
    console.log(
      JSON.stringify({
        ratio: {
          p50: +(c.p50ms / Math.max(b.p50ms, 0.001)).toFixed(2),
          p99: +(c.p99ms / Math.max(b.p99ms, 0.001)).toFixed(2),
          throughput: +(c.throughputPerSec / Math.max(b.throughputPerSec, 1)).toFixed(2),
        },
      }),
    );
  } finally {
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
