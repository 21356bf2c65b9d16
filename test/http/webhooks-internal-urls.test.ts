import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { startService, type RunningService } from '../../src/app/start-service.js';
import { loadEnv } from '../../src/config/env.js';
import { ManualClock } from '../../src/core/ports/clock.js';
import { createLogger } from '../../src/infra/logger.js';
import { MongoApiKeys } from '../../src/infra/mongo/mongo-api-keys.js';
import { isInternalAddress } from '../../src/infra/webhooks/address-guard.js';
import { testMongoUri, uniqueDbName } from '../support/database.js';
import { logCapture, type LogLine } from '../support/log-capture.js';
import { WebhookReceiver } from '../emulators/webhook-receiver.js';

type Json = Record<string, any>;
const logs: LogLine[] = [];
const REFUSAL = /is an internal address \(.+\); webhooks go only to public addresses unless WEBHOOK_ALLOW_PRIVATE_URLS=true/;

/** A service in production (internal receivers refused unless WEBHOOK_ALLOW_PRIVATE_URLS=true) with an admin API key. */
async function start(name: string, clock: ManualClock, extra: Record<string, string>): Promise<{ service: RunningService; base: string; key: string }> {
  const service = await startService({
    env: loadEnv({
      NODE_ENV: 'production',
      PLAYGROUND: 'off',
      PORT: '0',
      HOST: '127.0.0.1',
      MONGODB_URI: testMongoUri(),
      MONGODB_DB_NAME: uniqueDbName(name),
      JOBS_ENABLED: 'false',
      WEBHOOK_TIMEOUT_MS: '2000',
      ...extra,
    }),
    logger: createLogger('info', logCapture(logs)),
    clock,
    surfaces: [],
  });
  const key = (await new MongoApiKeys(service.ctx.connection).create('integrations', ['webhooks:read', 'webhooks:write'], clock.now())).secret;
  return { service, base: `http://127.0.0.1:${service.port}/api/v1`, key };
}

async function call(base: string, key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: (text ? JSON.parse(text) : {}) as Json };
}

describe('webhook subscriptions to internal addresses are refused when made (server-side request forgery)', () => {
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const receiver = new WebhookReceiver();
  let guarded: { service: RunningService; base: string; key: string };
  let open: { service: RunningService; base: string; key: string };
  let port: string;

  beforeAll(async () => {
    await receiver.start();
    port = new URL(receiver.url).port;
    guarded = await start('whguarded', clock, {});
    open = await start('whopen', clock, { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
  });

  afterAll(async () => {
    for (const s of [guarded, open]) {
      await s?.service.ctx.connection.dropDatabase().catch(() => undefined);
      await s?.service.stop();
    }
    await receiver.stop();
  });

  const subscribe = (s: { base: string; key: string }, url: string) => call(s.base, s.key, 'POST', '/webhooks', { url, events: ['contract.signed'] });
  const listed = async (s: { base: string; key: string }) => (await call(s.base, s.key, 'GET', '/webhooks')).json.items as Json[];

  async function expectRefused(url: string, host: RegExp = REFUSAL) {
    const r = await subscribe(guarded, url);
    expect([url, r.status]).toEqual([url, 422]);
    expect(r.type).toContain('application/problem+json');
    expect(r.json).toMatchObject({ status: 422, code: 'invalid_input', detail: expect.stringMatching(REFUSAL) });
    expect(r.json.errors).toEqual([{ field: 'url', message: expect.stringMatching(host) }]);
  }

  it('refuses internal IP literals and localhost with a 422 naming the setting, and stores nothing', async () => {
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      'http://10.1.2.3/hook',
      `http://[::1]:${port}/hook`,
      'http://169.254.169.254/latest/meta-data',
      `http://localhost:${port}/hook`,
      'https://api.localhost/hook',
      'http://192.168.1.10/hook',
      'http://100.64.0.1/hook',
      'http://[fd00::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://2130706433/hook', // 127.0.0.1 written as one number
    ])
      await expectRefused(url);
    await expectRefused('http://169.254.169.254/latest/meta-data', /^169\.254\.169\.254 is an internal address/);
    expect(await listed(guarded)).toEqual([]);
    expect(await guarded.service.ctx.connection.db!.collection('webhook_subscriptions').countDocuments()).toBe(0);
    expect(receiver.received).toHaveLength(0);
  });

  it('accepts public IP literals', async () => {
    for (const url of ['http://93.184.216.34/hook', 'https://[2606:4700::1111]/hook']) {
      const r = await subscribe(guarded, url);
      expect([url, r.status]).toEqual([url, 201]);
      expect((await call(guarded.base, guarded.key, 'DELETE', `/webhooks/${r.json.subscription.id}`)).status).toBe(204);
    }
    expect(await listed(guarded)).toEqual([]);
  });

  it('refuses a host name that resolves to an internal address', async () => {
    const name = hostname();
    const resolved = await lookup(name).catch(() => undefined);
    if (!resolved || !isInternalAddress(resolved.address)) {
      console.warn(`skipped: ${name} does not resolve to an internal address here`);
      return;
    }
    await expectRefused(`http://${name}:${port}/hook`, new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is an internal address \\(`));
    expect(await listed(guarded)).toEqual([]);
  });

  it('accepts a loopback receiver when WEBHOOK_ALLOW_PRIVATE_URLS=true', async () => {
    const url = `${receiver.url}/crm`;
    const r = await subscribe(open, url);
    expect(r.status).toBe(201);
    expect(await listed(open)).toEqual([expect.objectContaining({ id: r.json.subscription.id, url })]);
  });
});
