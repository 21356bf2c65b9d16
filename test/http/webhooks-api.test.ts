import { startService, type RunningService } from '../../src/app/start-service.js';
import { loadEnv } from '../../src/config/env.js';
import { ManualClock } from '../../src/core/ports/clock.js';
import { createLogger } from '../../src/infra/logger.js';
import { MongoApiKeys } from '../../src/infra/mongo/mongo-api-keys.js';
import { testMongoUri, uniqueDbName } from '../support/database.js';
import { logCapture, type LogLine } from '../support/log-capture.js';
import { until } from '../faults/fault-harness.js';
import { WebhookReceiver } from '../emulators/webhook-receiver.js';

type Json = Record<string, any>;
const logs: LogLine[] = [];

describe('webhook subscriptions over the REST API (/api/v1/webhooks)', () => {
  let service: RunningService;
  let base: string;
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const keys: Record<string, string> = {};
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    service = await startService({
      env: loadEnv({
        PLAYGROUND: 'off',
        PORT: '0',
        HOST: '127.0.0.1',
        MONGODB_URI: testMongoUri(),
        MONGODB_DB_NAME: uniqueDbName('webhooksapi'),
        JOBS_ENABLED: 'false',
        WEBHOOK_TIMEOUT_MS: '2000',
      }),
      logger: createLogger('info', logCapture(logs)),
      clock,
      surfaces: [],
    });
    base = `http://127.0.0.1:${service.port}/api/v1`;
    const store = new MongoApiKeys(service.ctx.connection);
    keys.admin = (await store.create('integrations', ['webhooks:read', 'webhooks:write', 'contracts:write'], clock.now())).secret;
    keys.reader = (await store.create('monitor', ['webhooks:read'], clock.now())).secret;
    keys.contracts = (await store.create('crm', ['contracts:read'], clock.now())).secret;
  });

  afterAll(async () => {
    await service.ctx.webhooks!.idle();
    await service?.ctx.connection.dropDatabase().catch(() => undefined);
    await service?.stop();
    await receiver.stop();
  });

  async function call(method: string, path: string, options: { key?: string | null; body?: unknown; type?: string } = {}) {
    const headers: Record<string, string> = {};
    const key = options.key === undefined ? keys.admin : options.key;
    if (key) headers.authorization = `Bearer ${key}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] = options.type ?? 'application/json';
    }
    const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: Json = {};
    try {
      json = JSON.parse(text) as Json;
    } catch {
      /* empty */
    }
    return { status: res.status, type: res.headers.get('content-type') ?? '', json, text };
  }

  function expectProblem(r: { status: number; type: string; json: Json }, status: number, code: string) {
    expect(r.status).toBe(status);
    expect(r.type).toContain('application/problem+json');
    expect(r.json).toMatchObject({ status, code, title: expect.any(String) });
  }

  const subscriptionCount = () => service.ctx.connection.db!.collection('webhook_subscriptions').countDocuments();

  it('refuses bad subscriptions with problem documents and stores nothing', async () => {
    const good = { url: `${receiver.url}/crm`, events: ['contract.requested'] };
    expectProblem(await call('POST', '/webhooks', { key: null, body: good }), 401, 'unauthenticated');
    expectProblem(await call('POST', '/webhooks', { key: keys.reader, body: good }), 403, 'insufficient_scope');
    expectProblem(await call('GET', '/webhooks', { key: keys.contracts }), 403, 'insufficient_scope');
    expectProblem(await call('POST', '/webhooks', { body: '{"url":' }), 400, 'malformed_json');
    expectProblem(await call('POST', '/webhooks', { body: 'url=x', type: 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
    const cases: Array<[Json, string]> = [
      [{ ...good, url: 'ftp://crm.example.com/hook' }, 'url'],
      [{ ...good, url: 'file:///etc/passwd' }, 'url'],
      [{ ...good, url: 'https://user:pw@crm.example.com/hook' }, 'url'],
      [{ ...good, url: 'not a url' }, 'url'],
      [{ ...good, events: [] }, 'events'],
      [{ ...good, events: ['contract.exploded'] }, 'events.0'],
      [{ ...good, secret: 'hunter2' }, 'secret'],
      [{ ...good, secret: `whsec_${Buffer.from('short').toString('base64')}` }, 'secret'],
      [{ ...good, colour: 'red' }, '_'],
      [{ events: ['contract.signed'] }, 'url'],
    ];
    for (const [body, field] of cases) {
      const r = await call('POST', '/webhooks', { body });
      expectProblem(r, 400, 'invalid_body');
      expect(r.json.errors.map((e: Json) => e.field)).toContain(field);
    }
    expectProblem(await call('GET', '/webhooks/nope'), 400, 'invalid_webhook_id');
    expectProblem(await call('POST', '/webhooks/wh_0000000000000000/disable'), 404, 'not_found');
    expectProblem(await call('GET', '/webhooks/wh_0000000000000000/deliveries'), 404, 'not_found');
    expectProblem(await call('DELETE', '/webhooks/wh_0000000000000000'), 404, 'not_found');
    expect(await subscriptionCount()).toBe(0);
  });

  it('creates a subscription (the secret shown once), delivers signed events to it, and shows its delivery log', async () => {
    const created = await call('POST', '/webhooks', {
      body: { url: `${receiver.url}/crm`, events: ['contract.requested', 'contract.signed'], description: 'CRM' },
    });
    expect(created.status).toBe(201);
    const secret = created.json.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    const id = created.json.subscription.id as string;
    expect(created.json.subscription).toMatchObject({
      id: expect.stringMatching(/^wh_[0-9a-f]{16}$/),
      enabled: true,
      createdBy: 'integrations',
      events: ['contract.requested', 'contract.signed'],
    });
    receiver.setSecret(secret);

    const listed = await call('GET', '/webhooks', { key: keys.reader });
    expect(listed.json.items).toEqual([expect.objectContaining({ id, url: `${receiver.url}/crm` })]);
    expect(listed.text).not.toContain(secret.slice(6, 30));
    expect((await call('GET', `/webhooks/${id}`, { key: keys.reader })).text).not.toContain(secret.slice(6, 30));

    // A CRM request creates a contract: contract.requested goes out at once, signed and verifiable.
    const request = await call('POST', '/contract-requests', {
      body: {
        type: 'msa',
        counterparty: 'Hooked Inc',
        governingLaw: 'Germany',
        startDate: '2026-04-01',
        endDate: '2027-03-31',
        noticePeriodDays: 30,
        value: { amountMinor: 100000, currency: 'EUR' },
        requester: { email: 'rep@example.com' },
        deal: { id: 'D-1' },
      },
    });
    expect([request.status, request.json.detail]).toEqual([201, undefined]);
    const got = await until(() => receiver.received.find((r) => r.path === '/crm'), 10_000, 'the webhook');
    expect(got.verified).toBe(true);
    expect(JSON.parse(got.body)).toMatchObject({ type: 'contract.requested', data: { contract: { ref: request.json.contract.ref, crmDeal: { id: 'D-1' } } } });

    const log = await until(
      async () => {
        const r = await call('GET', `/webhooks/${id}/deliveries?limit=5`, { key: keys.reader });
        return r.json.items?.length ? r : undefined;
      },
      10_000,
      'the delivery log',
    );
    expect(log.json.items).toEqual([
      expect.objectContaining({ eventId: got.id, eventType: 'contract.requested', outcome: 'delivered', httpStatus: 204, attempt: 1 }),
    ]);
    expectProblem(await call('GET', `/webhooks/${id}/deliveries?limit=0`, { key: keys.reader }), 400, 'invalid_query');
    // Nothing secret in the logs.
    expect(JSON.stringify(logs)).not.toContain(secret.slice(6, 30));
  });

  it('disables and enables a subscription; a reader may not; delete removes it', async () => {
    const id = (await call('GET', '/webhooks')).json.items[0].id as string;
    expectProblem(await call('POST', `/webhooks/${id}/disable`, { key: keys.reader }), 403, 'insufficient_scope');
    const off = await call('POST', `/webhooks/${id}/disable`);
    expect(off.json).toMatchObject({ id, enabled: false, disabledReason: 'disabled by API key integrations' });
    const before = receiver.received.length;
    const quiet = await call('POST', '/contract-requests', {
      body: {
        type: 'msa',
        counterparty: 'Quiet Co',
        governingLaw: 'Germany',
        startDate: '2026-04-01',
        endDate: '2027-03-31',
        noticePeriodDays: 30,
        value: { amountMinor: 100000, currency: 'EUR' },
        requester: { email: 'rep@example.com' },
        deal: { id: 'D-2' },
      },
    });
    expect(quiet.status).toBe(201);
    await service.ctx.webhooks!.idle();
    expect(receiver.received.length).toBe(before);
    const on = await call('POST', `/webhooks/${id}/enable`);
    expect(on.json).toMatchObject({ id, enabled: true });
    expect(on.json.disabledReason).toBeUndefined();
    expect((await call('DELETE', `/webhooks/${id}`)).status).toBe(204);
    expect(await subscriptionCount()).toBe(0);
    expect(await service.ctx.connection.db!.collection('webhook_attempts').countDocuments({ subscriptionId: id })).toBe(0);
  });
});
