import { startService, type RunningService } from '../../../src/app/start-service.js';
import { ConfigError, loadEnv } from '../../../src/config/env.js';
import { createLogger } from '../../../src/infra/logger.js';
import { connectDatabase } from '../../../src/infra/mongo/connect-database.js';
import { BotConnectorEmulator } from '../../emulators/bot-connector-emulator.js';
import { personalMessage, postActivity } from '../../support/bot-activity.js';
import { testMongoUri, uniqueDbName } from '../../support/database.js';
import { POLICY_FILE } from './teams-harness.js';

const silent = createLogger('silent');

async function start(dbName: string, env: Record<string, string>): Promise<RunningService> {
  const uri = testMongoUri();
  return startService({
    env: loadEnv({ PORT: '0', HOST: '127.0.0.1', MONGODB_URI: uri, MONGODB_DB_NAME: dbName, JOBS_ENABLED: 'false', POLICY_FILE, ...env }),
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
    expect(await service.ctx.notifier.send({ kind: 'user', user: { platform: 'teams', id: 'aad-rita' } }, { text: 'hi' }, { deliveryId: 'test' })).toEqual({ status: 'off', reason: 'teams is not configured' });
  });

  it('refuses to start with the unauthenticated test switch in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', TEAMS_ALLOW_UNAUTHENTICATED: 'true' })).toThrow(ConfigError);
    expect(() => loadEnv({ NODE_ENV: 'production', TEAMS_ALLOW_UNAUTHENTICATED: 'true' })).toThrow(/TEAMS_ALLOW_UNAUTHENTICATED must not be set in production/);
  });
});
