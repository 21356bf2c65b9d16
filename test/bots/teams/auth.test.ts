import { startService, type RunningService } from '../../../src/app/start-service.js';
import { ConfigError, loadEnv, TEAMS_TEST_OVERRIDES } from '../../../src/config/env.js';
import { OPENID_FETCH_TIMEOUT_MS } from '../../../src/bots/teams/teams-auth.js';
import { BotFrameworkAuthEmulator } from '../../emulators/bot-framework-auth-emulator.js';
import { logCapture, type LogLine } from '../../support/log-capture.js';
import { createLogger } from '../../../src/infra/logger.js';
import { connectDatabase } from '../../../src/infra/mongo/connect-database.js';
import { BotConnectorEmulator } from '../../emulators/bot-connector-emulator.js';
import { personalMessage, postActivity } from '../../support/bot-activity.js';
import { testMongoUri, uniqueDbName } from '../../support/database.js';
import { POLICY_FILE, TEST_APP } from './teams-harness.js';

const silent = createLogger('silent');

async function start(dbName: string, env: Record<string, string>): Promise<RunningService> {
  const uri = testMongoUri();
  return startService({
    env: loadEnv({ PLAYGROUND: 'off', PORT: '0', HOST: '127.0.0.1', MONGODB_URI: uri, MONGODB_DB_NAME: dbName, JOBS_ENABLED: 'false', POLICY_FILE, ...env }),
    logger: silent,
    database: { kind: 'uri', uri, description: 'test database', stop: async () => undefined },
  });
}

describe('Teams authentication', () => {
  const connector = new BotConnectorEmulator();
  const dbName = uniqueDbName('teams_auth');
  let service: RunningService | undefined;

  beforeAll(async () => {
    await connector.start();
  });
  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });
  afterAll(async () => {
    const conn = await connectDatabase(testMongoUri(), dbName);
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
    await connector.stop();
  });

  it('with MICROSOFT_APP_ID and password set, refuses a request without a Bot Framework token (401) and does nothing', async () => {
    service = await start(dbName, { MICROSOFT_APP_ID: '3f6c2a4e-8d1b-4c7a-9e25-0b7d4f1a6c93', MICROSOFT_APP_PASSWORD: 'not-a-real-secret' });
    const url = `http://127.0.0.1:${service.port}`;
    const health = (await (await fetch(`${url}/healthz`)).json()) as { surfaces: Record<string, string> };
    expect(health.surfaces.teams).toBe('on');

    const res = await postActivity(url, personalMessage({ serviceUrl: connector.url }, 'help'));
    expect(res.status).toBe(401);
    // Not a JWT at all: refused before any key lookup.
    const bogus = await postActivity(url, personalMessage({ serviceUrl: connector.url }, 'help'), { authHeader: 'Bearer not-a-jwt' });
    expect(bogus.status).toBe(401);
    expect(connector.calls()).toHaveLength(0);
  });

  it('without credentials (and without the test switch) Teams is off and /api/messages does not exist', async () => {
    service = await start(dbName, {});
    const url = `http://127.0.0.1:${service.port}`;
    const health = (await (await fetch(`${url}/healthz`)).json()) as { surfaces: Record<string, string> };
    expect(health.surfaces.teams).toBe('off');
    const res = await postActivity(url, personalMessage({ serviceUrl: connector.url }, 'help'));
    expect(res.status).toBe(404);
    expect(connector.calls()).toHaveLength(0);
    // The router knows Teams is off: a message to a Teams user waits for it (not an error, not "sent").
    expect(service.ctx.notifier.isOn('teams')).toBe(false);
    expect(await service.ctx.notifier.send({ kind: 'user', user: { platform: 'teams', id: 'aad-rita' } }, { text: 'hi' }, { deliveryId: 'test' })).toEqual({
      status: 'off',
      reason: 'teams is not configured',
    });
  });

  it('with TEAMS_ALLOW_UNAUTHENTICATED (local testing) answers without a token; the activity is still checked', async () => {
    service = await start(dbName, { TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    const url = `http://127.0.0.1:${service.port}`;
    const res = await postActivity(url, personalMessage({ serviceUrl: connector.url }, 'help'));
    expect(res.status).toBe(200);
    await connector.waitFor((r) => r.kind === 'send' || r.kind === 'reply');
    const { from: _from, ...noFrom } = personalMessage({ serviceUrl: connector.url }, 'help');
    expect((await postActivity(url, noFrom as never)).status).toBe(400);
    connector.reset();
  });

  it('refuses to start with the unauthenticated test switch in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', TEAMS_ALLOW_UNAUTHENTICATED: 'true' })).toThrow(ConfigError);
    expect(() => loadEnv({ NODE_ENV: 'production', TEAMS_ALLOW_UNAUTHENTICATED: 'true' })).toThrow(/TEAMS_ALLOW_UNAUTHENTICATED must not be set in production/);
  });
});

describe('Teams authentication when the key server misbehaves', () => {
  const connector = new BotConnectorEmulator();
  const dbName = uniqueDbName('teams_auth_keys');
  const logs: LogLine[] = [];
  let auth: BotFrameworkAuthEmulator;
  let service: RunningService | undefined;

  beforeAll(async () => {
    await connector.start();
  });
  afterEach(async () => {
    await service?.stop();
    service = undefined;
    await auth?.stop();
  });
  afterAll(async () => {
    const conn = await connectDatabase(testMongoUri(), dbName);
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
    await connector.stop();
  });

  async function startWith(setup: (a: BotFrameworkAuthEmulator) => void): Promise<string> {
    auth = new BotFrameworkAuthEmulator(TEST_APP);
    setup(auth);
    await auth.start();
    const uri = testMongoUri();
    service = await startService({
      env: loadEnv({ PORT: '0', HOST: '127.0.0.1', MONGODB_URI: uri, MONGODB_DB_NAME: dbName, JOBS_ENABLED: 'false', POLICY_FILE, ...auth.env() }),
      logger: createLogger('info', logCapture(logs)),
      database: { kind: 'uri', uri, description: 'test database', stop: async () => undefined },
    });
    return `http://127.0.0.1:${service.port}`;
  }

  it('metadata that cannot be fetched is a 401 with a generic body (never a 500 with the error), logged at warn with the cause; it recovers by itself', async () => {
    const url = await startWith((a) => (a.metadataFailStatus = 503));
    const from = logs.length;
    const res = await postActivity(url, personalMessage({ serviceUrl: connector.url }, 'help'), { authHeader: `Bearer ${auth.channelToken(connector.url)}` });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'unauthorized' });
    const refusal = logs.slice(from).find((l) => l.status === 401);
    expect(refusal).toMatchObject({ level: 40, reason: expect.stringMatching(/answered 503/) });
    expect(connector.calls()).toHaveLength(0);
    auth.metadataFailStatus = 0;
    const ok = await postActivity(url, personalMessage({ serviceUrl: connector.url }, 'help'), { authHeader: `Bearer ${auth.channelToken(connector.url)}` });
    expect(ok.status).toBe(200);
  });

  it('metadata slower than the fetch timeout is a 401 once the timeout passes, not a request held open', async () => {
    const url = await startWith((a) => (a.metadataDelayMs = OPENID_FETCH_TIMEOUT_MS + 10_000));
    const from = logs.length;
    const res = await postActivity(url, personalMessage({ serviceUrl: connector.url }, 'help'), { authHeader: `Bearer ${auth.channelToken(connector.url)}` });
    expect(res.status).toBe(401);
    expect(logs.slice(from).find((l) => l.status === 401)).toMatchObject({ reason: expect.stringMatching(/did not answer within/) });
  });

  it('keeps using cached keys while the metadata server is down (fetched once at start-up)', async () => {
    const url = await startWith(() => undefined);
    await postActivity(url, personalMessage({ serviceUrl: connector.url }, 'help'), { authHeader: `Bearer ${auth.channelToken(connector.url)}` });
    const fetches = auth.metadataRequests.all().length;
    auth.metadataFailStatus = 503;
    for (let i = 0; i < 3; i += 1) {
      const res = await postActivity(url, personalMessage({ serviceUrl: connector.url }, 'help'), { authHeader: `Bearer ${auth.channelToken(connector.url)}` });
      expect(res.status).toBe(200);
    }
    expect(auth.metadataRequests.all().length).toBe(fetches);
  });

  it('refuses to start with any test-only authentication override in production', () => {
    for (const name of TEAMS_TEST_OVERRIDES) {
      expect(() => loadEnv({ NODE_ENV: 'production', [name]: 'https://keys.example.test/' })).toThrow(new RegExp(`${name} must not be set in production`));
    }
  });
});
