import { createHash } from 'node:crypto';
import { startService, type RunningService } from '../../src/app/start-service.js';
import { loadEnv } from '../../src/config/env.js';
import { ManualClock } from '../../src/core/ports/clock.js';
import { createLogger } from '../../src/infra/logger.js';
import { MongoApiKeys } from '../../src/infra/mongo/mongo-api-keys.js';
import { createContract } from '../../src/core/services/create-contract.js';
import { testMongoUri, uniqueDbName } from '../support/database.js';
import { logCapture, type LogLine } from '../support/log-capture.js';
import { RecordingNotifier } from '../support/recording-notifier.js';

const logs: LogLine[] = [];

type Json = Record<string, any>;

describe('the REST API (/api/v1)', () => {
  let service: RunningService;
  let base: string;
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const keys: Record<string, string> = {};
  const slack = new RecordingNotifier();

  beforeAll(async () => {
    service = await startService({
      env: loadEnv({
        PLAYGROUND: 'off',
        PORT: '0',
        HOST: '127.0.0.1',
        MONGODB_URI: testMongoUri(),
        MONGODB_DB_NAME: uniqueDbName('api'),
        JOBS_ENABLED: 'false',
        CONTRACT_FILE_MAX_MB: '0.01',
      }),
      logger: createLogger('info', logCapture(logs)),
      clock,
      surfaces: [],
    });
    base = `http://127.0.0.1:${service.port}/api/v1`;
    service.ctx.notifier.register('slack', slack);
    const store = new MongoApiKeys(service.ctx.connection);
    keys.all = (await store.create('crm', ['contracts:read', 'contracts:write', 'documents:write', 'renewals:read'], clock.now())).secret;
    keys.readOnly = (await store.create('reporting', ['contracts:read'], clock.now())).secret;
    const revoked = await store.create('old', ['contracts:read'], clock.now());
    await store.revoke({ name: 'old' }, clock.now());
    keys.revoked = revoked.secret;
  });

  afterAll(async () => {
    await service?.ctx.connection.dropDatabase().catch(() => undefined);
    await service?.stop();
  });

  async function call(
    method: string,
    path: string,
    options: { key?: string | null; body?: unknown; raw?: string; type?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? keys.all : options.key;
    if (key) headers.authorization = `Bearer ${key}`;
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] = options.type ?? 'application/octet-stream';
    } else if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] = options.type ?? 'application/json';
    }
    const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: Json = {};
    try {
      json = JSON.parse(text) as Json;
    } catch {
      /* HTML or empty */
    }
    return { status: res.status, type: res.headers.get('content-type') ?? '', json, text, headers: res.headers };
  }

  const dbCounts = async () => {
    const db = service.ctx.connection.db!;
    return {
      contracts: await db.collection('contracts').countDocuments(),
      audit: await db.collection('audit_events').countDocuments(),
      idempotency: await db.collection('api_idempotency').countDocuments(),
      documents: await db.collection('contract_documents').countDocuments(),
    };
  };

  function expectProblem(r: { status: number; type: string; json: Json }, status: number, code: string) {
    expect(r.status).toBe(status);
    expect(r.type).toContain('application/problem+json');
    expect(r.json).toMatchObject({ status, code, title: expect.any(String), type: expect.any(String) });
    expect(JSON.stringify(r.json)).not.toMatch(/\bat \S+\.(ts|js):\d+/);
  }

  const request = (deal: string, extra: Json = {}) => ({
    type: 'msa',
    counterparty: 'Acme GmbH',
    value: { amountMinor: 1_200_000, currency: 'EUR' },
    startDate: '2026-04-01',
    endDate: '2027-03-31',
    noticePeriodDays: 30,
    governingLaw: 'Germany',
    requester: { platform: 'slack', id: 'U0REP1', email: 'rep@example.com' },
    deal: { id: deal, url: `https://crm.example.com/deals/${deal}` },
    ...extra,
  });

  describe('POST /contract-requests', () => {
    it('creates a draft with the deal, audited with the key as the actor, and sends it to the requester to submit', async () => {
      const r = await call('POST', '/contract-requests', { body: request('D-1') });
      expect(r.json).toMatchObject({ submitted: false });
      expect(r.status).toBe(201);
      expect(r.json.submitted).toBe(false);
      const c = r.json.contract;
      expect(c).toMatchObject({
        status: 'draft',
        type: 'msa',
        counterparty: 'Acme GmbH',
        title: 'MSA with Acme GmbH',
        crmDeal: { id: 'D-1', url: 'https://crm.example.com/deals/D-1' },
      });
      expect(c.requester).toMatchObject({ platform: 'slack', id: 'U0REP1' });
      expect(c.currentVersion).toBe(1);
      const audit = await call('GET', `/contracts/${c.ref}/audit`);
      expect(audit.status).toBe(200);
      expect(audit.json.events[0]).toMatchObject({ action: 'created', actor: { platform: 'api', displayName: 'crm' }, toStatus: 'draft' });
      expect(r.json.requesterNotified).toBe(true);
      const dm = slack.to('U0REP1');
      expect(dm).toHaveLength(1);
      expect(dm[0]!.message.text).toContain(`crm asked for ${c.ref}`);
      expect(dm[0]!.message.card?.actions).toEqual([expect.objectContaining({ id: 'contract.resubmit', label: 'Submit for approval' })]);
    });

    it('submits it for approval when asked and the policy covers it', async () => {
      const r = await call('POST', '/contract-requests', { body: request('D-2', { submit: true }) });
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject({ submitted: true, approvalRound: 1, contract: { status: 'in_review' } });
      const audit = await call('GET', `/contracts/${r.json.contract.ref}/audit`);
      expect(audit.json.events.map((e: Json) => [e.action, e.actor.platform])).toEqual([
        ['created', 'api'],
        ['submit', 'api'],
      ]);
    });

    it('takes a requester by e-mail', async () => {
      const r = await call('POST', '/contract-requests', { body: request('D-3', { requester: { email: 'rep@example.com' } }) });
      expect(r.status).toBe(201);
      // rep@example.com is known from D-1: the chat identity is used, so Clause can reach them.
      expect(r.json.contract.requester).toMatchObject({ platform: 'slack', id: 'U0REP1' });
      const unknown = await call('POST', '/contract-requests', { body: request('D-4', { requester: { email: 'new@example.com' } }) });
      expect(unknown.json.contract.requester).toMatchObject({ platform: 'system', email: 'new@example.com' });
      expect(unknown.json.requesterNotified).toBe(false);
    });

    it('replays the same answer for the same Idempotency-Key and body, and refuses it with another body (409)', async () => {
      const headers = { 'idempotency-key': 'deal-D-5-attempt' };
      const first = await call('POST', '/contract-requests', { body: request('D-5'), headers });
      expect(first.status).toBe(201);
      const before = await dbCounts();
      const again = await call('POST', '/contract-requests', { body: request('D-5'), headers });
      expect(again.status).toBe(201);
      expect(again.json).toEqual(first.json);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const other = await call('POST', '/contract-requests', { body: request('D-6'), headers });
      expectProblem(other, 409, 'idempotency_key_reused');
      expect(await dbCounts()).toEqual(before);
      // Another key with the same deal: one contract per deal.
      const dup = await call('POST', '/contract-requests', { body: request('D-5'), headers: { 'idempotency-key': 'other' } });
      expectProblem(dup, 409, 'deal_exists');
      expect(await dbCounts()).toEqual(before);
    });

    it('runs concurrent requests with one Idempotency-Key once', async () => {
      const body = request('D-8');
      const answers = await Promise.all([1, 2, 3, 4].map(() => call('POST', '/contract-requests', { body, headers: { 'idempotency-key': 'race-D-8' } })));
      const created = answers.filter((a) => a.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const a of answers.filter((x) => x.status !== 201)) expectProblem(a, 409, 'idempotency_in_progress');
      expect(new Set(created.map((a) => a.json.contract.ref)).size).toBe(1);
      const stored = await service.ctx.connection.db!.collection('contracts').countDocuments({ externalId: 'crm:D-8' });
      expect(stored).toBe(1);
    });

    it('answers 409 while a request with the key is still running, and lets a retry take over a claim abandoned for 5 minutes', async () => {
      const keyId = keys.all!.split('_')[1]!;
      const id = createHash('sha256').update(`${keyId}\nstuck-key`).digest('hex');
      await service.ctx.connection
        .db!.collection<{ _id: string; requestHash?: string; createdAt?: Date }>('api_idempotency')
        .insertOne({ _id: id, requestHash: 'x', createdAt: clock.now() });
      expectProblem(
        await call('POST', '/contract-requests', { body: request('D-7'), headers: { 'idempotency-key': 'stuck-key' } }),
        409,
        'idempotency_key_reused',
      );
      await service.ctx.connection.db!.collection<{ _id: string; requestHash?: string; createdAt?: Date }>('api_idempotency').deleteOne({ _id: id });
      const body = request('D-7');
      const hash = createHash('sha256')
        .update(`POST /api/v1/contract-requests\n${JSON.stringify(body)}`)
        .digest('hex');
      await service.ctx.connection
        .db!.collection<{ _id: string; requestHash?: string; createdAt?: Date }>('api_idempotency')
        .insertOne({ _id: id, requestHash: hash, createdAt: clock.now() });
      expectProblem(await call('POST', '/contract-requests', { body, headers: { 'idempotency-key': 'stuck-key' } }), 409, 'idempotency_in_progress');
      clock.advanceMs(5 * 60_000 + 1);
      const taken = await call('POST', '/contract-requests', { body, headers: { 'idempotency-key': 'stuck-key' } });
      expect(taken.status).toBe(201);
      expect(taken.json.contract.crmDeal.id).toBe('D-7');
    });

    it('refuses bad input with a problem document and changes nothing', async () => {
      const before = await dbCounts();
      const anonymous = await call('POST', '/contract-requests', { key: null, body: request('X-1') });
      expectProblem(anonymous, 401, 'unauthenticated');
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="clause"');
      expectProblem(await call('POST', '/contract-requests', { key: keys.revoked, body: request('X-1') }), 401, 'invalid_api_key');
      expectProblem(await call('POST', '/contract-requests', { key: `clause_000000000000_${'a'.repeat(43)}`, body: request('X-1') }), 401, 'invalid_api_key');
      const forbidden = await call('POST', '/contract-requests', { key: keys.readOnly, body: request('X-1') });
      expectProblem(forbidden, 403, 'insufficient_scope');
      expect(forbidden.json.detail).toContain('contracts:write');
      expectProblem(await call('POST', '/contract-requests', { body: '{"type":', headers: { 'idempotency-key': 'k-bad' } }), 400, 'malformed_json');
      expectProblem(await call('POST', '/contract-requests', { body: 'type=msa', type: 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
      const invalid = await call('POST', '/contract-requests', {
        body: { ...request('X-1'), value: { amountMinor: -5, currency: 'XXX' }, startDate: '2026-02-30', requester: {} },
      });
      expectProblem(invalid, 400, 'invalid_body');
      expect(invalid.json.errors.map((e: Json) => e.field)).toEqual(expect.arrayContaining(['value.amountMinor', 'value.currency', 'startDate', 'requester']));
      const template = await call('POST', '/contract-requests', { body: { ...request('X-1'), governingLaw: undefined } });
      expectProblem(template, 422, 'template_variable');
      expect(template.json.errors).toEqual([{ field: 'governingLaw', message: 'is required' }]);
      const unknownField = await call('POST', '/contract-requests', { body: { ...request('X-1'), colour: 'red' } });
      expectProblem(unknownField, 400, 'invalid_body');
      const badSigner = await call('POST', '/contract-requests', { body: { ...request('X-1'), signer: { email: 'not-an-email', role: 'ceo' } } });
      expectProblem(badSigner, 400, 'invalid_body');
      expect(badSigner.json.errors.map((e: Json) => e.field)).toEqual(expect.arrayContaining(['signer.email']));
      expectProblem(await call('POST', '/contract-requests', { body: { ...request('X-1'), notes: 'x'.repeat(200_000) } }), 413, 'body_too_large');
      const refused = await call('POST', '/contract-requests', {
        body: request('X-1', { endDate: '2026-01-01' }),
        headers: { 'idempotency-key': 'k-refused' },
      });
      expectProblem(refused, 422, 'invalid_input');
      expect(refused.json.errors).toEqual([{ field: 'endDate', message: 'must not be before the start date' }]);
      expect(await dbCounts()).toEqual(before);
      // A refused request leaves its Idempotency-Key free for the corrected one.
      const fixed = await call('POST', '/contract-requests', { body: request('X-1'), headers: { 'idempotency-key': 'k-refused' } });
      expect(fixed.status).toBe(201);
    });
  });

  describe('GET /contracts and /contracts/{ref}', () => {
    it('reads one contract; an unknown ref is 404 and a malformed one 400', async () => {
      const created = await call('POST', '/contract-requests', { body: request('D-20') });
      const ref = created.json.contract.ref as string;
      const r = await call('GET', `/contracts/${ref.toLowerCase()}`, { key: keys.readOnly });
      expect(r.status).toBe(200);
      expect(r.json).toEqual(created.json.contract);
      expectProblem(await call('GET', '/contracts/C-2026-9999'), 404, 'not_found');
      expectProblem(await call('GET', '/contracts/nope'), 400, 'invalid_ref');
      expectProblem(await call('GET', '/contracts/C-2026-9999/audit'), 404, 'not_found');
      expectProblem(await call('GET', `/contracts/${ref}`, { key: null }), 401, 'unauthenticated');
      expectProblem(await call('GET', '/renewals', { key: keys.readOnly }), 403, 'insufficient_scope');
      expectProblem(await call('GET', '/no-such-thing'), 404, 'no_such_route');
    });

    it('pages through every contract by cursor with no duplicates or gaps, even with equal updatedAt', async () => {
      // 23 more contracts, all at the same instant (the clock does not move): order falls back to the id.
      for (let i = 0; i < 23; i++) {
        await createContract(service.ctx.store, {
          terms: { title: `Bulk ${i}`, type: 'nda', counterparty: i % 2 ? 'Paged Odd Ltd' : 'Paged Even Ltd' },
          owner: { platform: 'slack', id: 'U0OWNER' },
          requester: { platform: 'slack', id: 'U0OWNER' },
          actor: { platform: 'slack', id: 'U0OWNER' },
        });
      }
      const total = await service.ctx.connection.db!.collection('contracts').countDocuments();
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r: Awaited<ReturnType<typeof call>> = await call('GET', `/contracts?limit=5${cursor ? `&cursor=${cursor}` : ''}`, { key: keys.readOnly });
        expect(r.status).toBe(200);
        expect(r.json.items.length).toBeLessThanOrEqual(5);
        seen.push(...r.json.items.map((c: Json) => c.ref));
        cursor = r.json.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      expect(pages).toBeGreaterThan(2);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(total);

      const odd = await call('GET', '/contracts?counterparty=paged%20odd&limit=200&status=draft');
      expect(odd.json.items).toHaveLength(11);
      expect(odd.json.nextCursor).toBeNull();
      clock.advanceMs(60_000);
      const touched = await call('POST', '/contract-requests', { body: request('D-21') });
      const since = await call('GET', `/contracts?updatedSince=${encodeURIComponent(clock.now().toISOString())}`);
      expect(since.json.items.map((c: Json) => c.ref)).toEqual([touched.json.contract.ref]);
      expectProblem(await call('GET', '/contracts?cursor=garbage'), 400, 'invalid_cursor');
      const bad = await call('GET', '/contracts?limit=0&status=bogus&updatedSince=yesterday');
      expectProblem(bad, 400, 'invalid_query');
      expect(bad.json.errors.map((e: Json) => e.field).sort()).toEqual(['limit', 'status', 'updatedSince']);
    });
  });

  describe('POST /contracts/{ref}/documents', () => {
    const text = 'MASTER SERVICES AGREEMENT between Acme GmbH and Example Corp. 1. Term. This agreement runs for twelve months.';

    it('stores the file as the contract document and audits it', async () => {
      const created = await call('POST', '/contract-requests', { body: request('D-30') });
      const ref = created.json.contract.ref as string;
      const r = await call('POST', `/contracts/${ref}/documents?fileName=signed.txt`, { raw: text });
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject({ ref, fileName: 'signed.txt', characters: text.length });
      const docs = await service.ctx.connection.db!.collection('contract_documents').find({ fileName: 'signed.txt' }).toArray();
      expect(docs).toHaveLength(1);
      expect(docs[0]!.text).toBe(text);
      const audit = await call('GET', `/contracts/${ref}/audit`);
      expect(audit.json.events.at(-1)).toMatchObject({
        action: 'document_attached',
        actor: { platform: 'api', displayName: 'crm' },
        details: { fileName: 'signed.txt' },
      });
    });

    it('refuses an oversized file (413), a wrong type (415), a missing scope (403) and an unknown contract (404), storing nothing', async () => {
      const created = await call('POST', '/contract-requests', { body: request('D-31') });
      const ref = created.json.contract.ref as string;
      const before = await dbCounts();
      expectProblem(
        await call('POST', `/contracts/${ref}/documents?fileName=big.pdf`, { raw: 'x'.repeat(20_000), type: 'application/pdf' }),
        413,
        'body_too_large',
      );
      expectProblem(await call('POST', `/contracts/${ref}/documents?fileName=a.txt`, { raw: text, type: 'text/html' }), 415, 'unsupported_media_type');
      expectProblem(await call('POST', `/contracts/${ref}/documents?fileName=a.txt`, { raw: text, key: keys.readOnly }), 403, 'insufficient_scope');
      expectProblem(await call('POST', '/contracts/C-2026-9999/documents?fileName=a.txt', { raw: text }), 404, 'not_found');
      expectProblem(await call('POST', `/contracts/${ref}/documents`, { raw: text }), 400, 'invalid_query');
      expectProblem(await call('POST', `/contracts/${ref}/documents?fileName=empty.pdf`, { raw: '', type: 'application/pdf' }), 422, 'invalid_input');
      expect(await dbCounts()).toEqual(before);
    });
  });

  it('GET /renewals lists active contracts by notice deadline', async () => {
    const r = await call('GET', '/renewals?days=30');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ from: '2026-03-02', items: [], totals: [] });
    expectProblem(await call('GET', '/renewals?days=9999'), 400, 'invalid_query');
  });

  it('logged every refusal at warn without a stack, and never an API key', () => {
    const refusals = logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('refused'));
    expect(refusals.length).toBeGreaterThan(10);
    for (const l of refusals) {
      expect(l.level).toBe(40);
      expect(JSON.stringify(l)).not.toMatch(/"stack"|\n\s+at /);
    }
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
    const all = JSON.stringify(logs);
    for (const secret of Object.values(keys)) expect(all).not.toContain(secret.slice(20));
  });

  it('serves an OpenAPI 3.1 document with every route and every referenced schema, and a docs page', async () => {
    const r = await call('GET', '/openapi.json', { key: null });
    expect(r.status).toBe(200);
    const doc = r.json;
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths as Json).flatMap(([p, ms]) => Object.keys(ms as Json).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.sort()).toEqual(
      [
        'POST /contract-requests',
        'GET /contracts',
        'GET /contracts/{ref}',
        'GET /contracts/{ref}/audit',
        'POST /contracts/{ref}/documents',
        'GET /renewals',
        'POST /webhooks',
        'GET /webhooks',
        'GET /webhooks/{id}',
        'DELETE /webhooks/{id}',
        'POST /webhooks/{id}/enable',
        'POST /webhooks/{id}/disable',
        'GET /webhooks/{id}/deliveries',
      ].sort(),
    );
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(refs.length).toBeGreaterThan(5);
    for (const [kind, name] of refs) expect(doc.components[kind][name]).toBeDefined();
    for (const [, methods] of Object.entries(doc.paths as Json)) {
      for (const op of Object.values(methods as Json) as Json[]) {
        expect(op.responses['401'] ?? op.responses['400']).toBeDefined();
        expect(op.security).toEqual([{ bearerAuth: [] }]);
      }
    }
    const page = await call('GET', '/docs', { key: null });
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain('/contract-requests');
    expect(page.text).toContain('id="schema-Contract"');
    expect(page.text).not.toContain('<script');
  });
});
