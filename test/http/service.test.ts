import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startService, type RunningService } from '../../src/app/start-service.js';
import { loadEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/infra/logger.js';
import { ensureFerretDbBinary, startFerretDb, type FerretDbProcess } from '../../src/infra/mongo/provision/ferretdb.js';
import { createContract } from '../../src/core/services/create-contract.js';
import { findContract } from '../../src/core/services/find-contract.js';
import { testMongoUri, uniqueDbName } from '../support/database.js';

const silent = createLogger('silent');

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not met in time');
}

/**
 * With MONGODB_URI set, the tests use that server and never provision or build anything; the two
 * tests that need a database this file can stop and restart (or the embedded one) are skipped.
 */
const external = Boolean(process.env.MONGODB_URI);
const embeddedOnly = external ? it.skip : it;

describe('the service and /healthz', () => {
  let ferret: FerretDbProcess | undefined;
  let service: RunningService;
  const dbName = uniqueDbName('health');

  beforeAll(async () => {
    let uri: string;
    if (external) {
      uri = testMongoUri();
    } else {
      const binary = await ensureFerretDbBinary(process.env.CLAUSE_CACHE_DIR ?? join(homedir(), '.cache', 'clause'), silent);
      if (!binary) throw new Error('this test needs FerretDB (Go on the PATH) so it can stop and restart the database; or set MONGODB_URI');
      ferret = await startFerretDb(binary, await mkdtemp(join(tmpdir(), 'clause-health-')));
      uri = ferret.uri;
    }
    service = await startService({
      env: loadEnv({ PLAYGROUND: 'off', PORT: '0', HOST: '127.0.0.1', MONGODB_URI: uri, MONGODB_DB_NAME: dbName, JOBS_ENABLED: 'false' }),
      logger: silent,
      surfaces: [],
    });
  });

  afterAll(async () => {
    if (external) await service?.ctx.connection.dropDatabase().catch(() => undefined);
    await service?.stop();
    await ferret?.stop();
  });

  const health = async () => {
    const res = await fetch(`http://127.0.0.1:${service.port}/healthz`);
    return { status: res.status, body: (await res.json()) as { status: string; database: { state: string } } };
  };

  it('answers 200 with the database state', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.database.state).toBe('connected');
  });

  it('shows the event-loop delay (p50/p99/max over a recent window) in its detail', async () => {
    const { body } = await health();
    const loop = (body as unknown as { eventLoop: Record<string, unknown> }).eventLoop;
    expect(Object.keys(loop).sort()).toEqual(['maxMs', 'p50Ms', 'p99Ms', 'windowS']);
    for (const v of Object.values(loop)) expect(typeof v).toBe('number');
    expect(loop.p99Ms as number).toBeGreaterThanOrEqual(loop.p50Ms as number);
    expect(loop.maxMs as number).toBeGreaterThanOrEqual(loop.p99Ms as number);
  });

  embeddedOnly('answers 503 while the database is down, without crashing, and recovers by itself', async () => {
    await ferret!.stop();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.database.state).toBe('unreachable');
    await ferret!.restart();
    await waitFor(async () => (await health()).status === 200, 20_000);
    const up = await health();
    expect(up.body.database.state).toBe('connected');
  });

  it('answers unknown routes with 404', async () => {
    const res = await fetch(`http://127.0.0.1:${service.port}/nope`);
    expect(res.status).toBe(404);
  });
});

describe('npm start', () => {
  embeddedOnly('keeps contracts across a restart with the embedded database', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'clause-data-'));
    const env = loadEnv({ PLAYGROUND: 'off', PORT: '0', HOST: '127.0.0.1', CLAUSE_DATA_DIR: dataDir, JOBS_ENABLED: 'false' });
    const first = await startService({ env, logger: silent, surfaces: [] });
    const created = await createContract(first.ctx.store, {
      terms: { title: 'Kept NDA', type: 'nda', counterparty: 'Initech' },
      owner: { platform: 'system', id: 'test' },
      requester: { platform: 'system', id: 'test' },
      actor: { platform: 'system', id: 'test' },
    });
    await first.stop();
    const second = await startService({ env, logger: silent, surfaces: [] });
    try {
      const found = await findContract(second.ctx.store, created.ref);
      expect(found.title).toBe('Kept NDA');
    } finally {
      await second.stop();
    }
  });

  it('reads .env from its working folder and names it in the start-up log', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'clause-dotenv-'));
    await writeFile(join(cwd, '.env'), 'POLICY_FILE=no-such-policy.yaml\nLOG_FORMAT=json\n');
    const tsx = join(process.cwd(), 'node_modules/tsx/dist/loader.mjs');
    const env = { ...process.env };
    delete env.POLICY_FILE;
    delete env.LOG_FORMAT;
    const child = spawn(process.execPath, ['--import', pathToFileURL(tsx).href, join(process.cwd(), 'src/main.ts')], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(JSON.parse(stdout.split('\n')[0]!)).toMatchObject({ envFiles: ['.env'], msg: 'configuration: the environment, then .env' });
    expect(stderr).toMatch(/no-such-policy\.yaml/);
  });

  it('stops at start-up with one line naming a bad variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: 'not-a-port' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Configuration error: PORT must be a port number');
  });
});
