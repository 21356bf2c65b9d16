import { startService, type RunningService } from '../../../src/app/start-service.js';
import { loadEnv } from '../../../src/config/env.js';
import { ManualClock } from '../../../src/core/ports/clock.js';
import { createContract } from '../../../src/core/services/create-contract.js';
import { createLogger } from '../../../src/infra/logger.js';
import { MongoPlaygroundMessages } from '../../../src/infra/mongo/mongo-playground-messages.js';
import { testMongoUri, uniqueDbName } from '../../support/database.js';
import { logCapture, type LogLine } from '../../support/log-capture.js';
import { waitBound } from '../../support/wait-bound.js';

type Json = Record<string, any>;
interface Message {
  id: string;
  version: number;
  conversation: string;
  from: { kind: string; name: string };
  text: string;
  html: string;
}

/** The attribute values of an HTML fragment, unescaped. */
const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const attr = (html: string, name: string) => {
  const m = new RegExp(`${name}="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no ${name} in ${html.slice(0, 300)}`);
  return unescapeHtml(m[1]!);
};
/** A button's action value, found by its action id. */
function actionValue(html: string, actionId: string): Record<string, string> {
  const m = new RegExp(`data-action-id="${actionId.replace('.', '\\.')}" data-value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no ${actionId} button in ${html.slice(0, 400)}`);
  return JSON.parse(unescapeHtml(m[1]!)) as Record<string, string>;
}

/** A server-sent events stream read with fetch: every `message` event's data, parsed. */
class EventStream {
  readonly events: Message[] = [];
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();

  async open(url: string): Promise<void> {
    const res = await fetch(url, { signal: this.abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    this.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (event === 'message' && data) this.events.push(JSON.parse(data) as Message);
          }
        }
      } catch {
        // aborted
      }
    })();
  }

  async waitFor(match: (m: Message) => boolean, what: string): Promise<Message> {
    const deadline = Date.now() + waitBound(15_000);
    while (Date.now() < deadline) {
      const found = this.events.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no event: ${what}`);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}

describe('the web playground (real HTTP, the embedded database)', () => {
  let service: RunningService;
  let base: string;
  const logs: LogLine[] = [];
  const clock = new ManualClock('2026-12-02T10:00:00Z');
  const streams: EventStream[] = [];

  beforeAll(async () => {
    service = await startService({
      env: loadEnv({ PORT: '0', MONGODB_URI: testMongoUri(), MONGODB_DB_NAME: uniqueDbName('playground'), JOBS_ENABLED: 'false' }),
      logger: createLogger('info', logCapture(logs)),
      clock,
    });
    base = `http://127.0.0.1:${service.port}`;
  });

  afterAll(async () => {
    for (const s of streams) await s.close();
    await service?.ctx.connection.dropDatabase().catch(() => undefined);
    await service?.stop();
  });

  async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${base}/playground/api${path}`, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Json };
  }
  const messagesOf = async (persona: string, conversation: string): Promise<Message[]> => {
    const { status, body } = await api('GET', `/conversations/${conversation}/messages?persona=${persona}`);
    expect(status).toBe(200);
    return body.messages as Message[];
  };
  async function waitForMessage(persona: string, conversation: string, match: (m: Message) => boolean, what: string): Promise<Message> {
    const deadline = Date.now() + waitBound(15_000);
    while (Date.now() < deadline) {
      const found = (await messagesOf(persona, conversation)).find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no message: ${what}`);
  }
  async function stream(persona: string): Promise<EventStream> {
    const s = new EventStream();
    streams.push(s);
    await s.open(`${base}/playground/api/events?persona=${persona}`);
    return s;
  }

  /** `contract new` as a persona, then the request form filled in and submitted. */
  async function requestContract(persona: string, fields: Record<string, string>) {
    const opened = await api('POST', '/command', { persona, text: 'contract new' });
    expect(opened.status).toBe(200);
    expect(opened.body.result).toBe('form');
    const form = (opened.body.messages as Message[])[1]!;
    const submitted = await api('POST', '/form', {
      persona,
      messageId: form.id,
      formId: attr(form.html, 'data-form-id'),
      context: JSON.parse(attr(form.html, 'data-context')),
      inputs: fields,
    });
    return { form, submitted };
  }
  const fields = (over: Record<string, string> = {}) => ({
    template: 'msa-v1',
    counterparty: 'Northwind Traders',
    value: '120000',
    currency: 'USD',
    start_date: '2027-01-01',
    term_months: '12',
    auto_renews: 'false',
    notice_period_days: '30',
    governing_law: 'the laws of the State of Delaware',
    ...over,
  });

  it('serves the page, its script and style; says where it listens and that the database is empty', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<label for="persona">Acting as</label>');
    expect(html).toContain('Larkspur Analytics');
    for (const file of ['app.js', 'app.css']) expect((await fetch(`${base}/playground/${file}`)).status).toBe(200);
    const lines = logs.map((l) => String(l.msg));
    expect(lines).toContainEqual(expect.stringMatching(/^▶ Playground: http:\/\/localhost:\d+\/ /));
    expect(lines).toContainEqual(expect.stringContaining('click Load the demo company (or run npm run demo:seed)'));
    expect(service.ctx.env.HOST).toBe('127.0.0.1');
    expect((await api('GET', '/status')).body).toMatchObject({ company: 'Larkspur Analytics', contracts: 0, canSeed: true });
    expect((await api('GET', '/personas')).body.personas.map((p: Json) => p.key)).toEqual(['riley', 'lena', 'farah', 'marco']);
  });

  it('refuses an unknown persona and a bad body with a clear 400', async () => {
    const unknown = await api('POST', '/command', { persona: 'mallory', text: 'contract help' });
    expect(unknown).toEqual({ status: 400, body: { error: expect.stringMatching(/^unknown persona "mallory": one of riley, lena, farah, marco/) } });
    expect((await api('GET', '/conversations/dm/messages?persona=nobody')).status).toBe(400);
    expect((await fetch(`${base}/playground/api/events?persona=nobody`)).status).toBe(400);
    expect((await api('POST', '/command', { persona: 'riley' })).status).toBe(400);
    expect((await api('POST', '/command', { persona: 'riley', text: 'x', extra: 1 })).status).toBe(400);
    expect((await api('GET', '/conversations/secret/messages?persona=riley')).status).toBe(404);
  });

  it('loads the demo company; the seeded deal is in legal’s DM and #approvals', async () => {
    const seeded = await api('POST', '/seed');
    expect(seeded.status).toBe(200);
    expect(seeded.body.summary).toMatch(/^Larkspur Analytics is loaded: 10 contracts, 1 awaiting approval, \d+ renewal reminders? sent\.$/);
    // The ten contracts of the portfolio, and the renewal draft of the one being renewed.
    expect((await api('GET', '/status')).body).toMatchObject({ contracts: 11, demo: true, canSeed: true });
    await waitForMessage('lena', 'dm', (m) => m.text.includes('Summit Reseller Agreement'), 'the seeded approval in Lena’s DM');
    await waitForMessage('farah', 'approvals', (m) => m.text.includes('Summit Reseller Agreement'), 'the seeded approval in #approvals');
    // The renewal scan ran: the nudges are in #renewals and in the owners' direct messages.
    await waitForMessage('marco', 'renewals', (m) => m.html.includes('data-action-id="renewal.'), 'a renewal nudge in #renewals');
    await waitForMessage('riley', 'dm', (m) => m.html.includes('data-action-id="renewal.'), 'a renewal nudge in Riley’s DM');
  });

  it('the whole story: request (a missing field named), approvals by legal, finance and the manager live, the requester hears back', async () => {
    const lena = await stream('lena');
    const farahStream = await stream('farah');

    const missing = await requestContract('riley', fields({ counterparty: '' }));
    expect(missing.submitted.status).toBe(422);
    expect(missing.submitted.body.errors).toEqual({ counterparty: expect.stringContaining('is required') });
    const again = (missing.submitted.body.messages as Message[])[0]!;
    expect(again.id).toBe(missing.form.id);
    expect(again.html).toMatch(/aria-describedby="[^"]*-counterparty-error" aria-invalid="true"/);
    expect(again.html).toContain('role="alert"');
    expect(again.html).toContain('value="120000"'); // what was typed is kept

    const fixed = await api('POST', '/form', {
      persona: 'riley',
      messageId: again.id,
      formId: attr(again.html, 'data-form-id'),
      context: JSON.parse(attr(again.html, 'data-context')),
      inputs: fields(),
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.result).toBe('filed');
    const filed = (fixed.body.messages as Message[])[0]!;
    expect(filed).toMatchObject({ id: again.id, version: 3, conversation: 'dm' });
    const ref = /C-\d{4}-\d{4}/.exec(filed.text)![0];

    // Lena's stream gets the card live; Farah's too (her DM and #approvals).
    const card = await lena.waitFor((m) => m.conversation === 'dm' && m.text.includes(ref), 'the approval card in Lena’s DM');
    await farahStream.waitFor((m) => m.conversation === 'approvals' && m.text.includes(ref), 'the approval card in #approvals');
    expect(card.html).toContain('data-action-id="approval.approve"');
    expect(card.html).toMatch(/<label for="[^"]+-reason">Reason/);

    const click = (persona: string, m: Message, actionId = 'approval.approve', inputs: Record<string, string> = {}) =>
      api('POST', '/action', { persona, messageId: m.id, actionId, value: actionValue(m.html, actionId), inputs });
    const approved = await click('lena', card);
    expect(approved.status).toBe(200);
    expect(approved.body.result).toBe('reply');
    const redrawn = (approved.body.messages as Message[]).find((m) => m.id === card.id)!;
    expect(redrawn.version).toBeGreaterThan(card.version);

    // A repeated click decides nothing twice.
    const roundId = actionValue(card.html, 'approval.approve').roundId!;
    const decisions = async () => (await service.ctx.approvals.approvals.listDecisions(roundId)).length;
    expect(await decisions()).toBe(1);
    const repeat = await click('lena', card);
    expect(repeat.status).toBe(200);
    expect(await decisions()).toBe(1);

    const farahCard = await waitForMessage('farah', 'dm', (m) => m.text.includes(ref) && m.html.includes('approval.approve'), 'Farah’s card');
    expect((await click('farah', farahCard)).status).toBe(200);
    const marcoCard = await waitForMessage('marco', 'dm', (m) => m.text.includes(ref) && m.html.includes('approval.approve'), 'Marco’s card (stage 2)');
    expect((await click('marco', marcoCard)).status).toBe(200);
    await waitForMessage(
      'riley',
      'dm',
      (m) => m.from.kind === 'clause' && m.text.includes(ref) && /approved/i.test(m.text) && m.id !== filed.id,
      'the outcome in Riley’s DM',
    );
    expect((await service.ctx.store.contracts.findByRef(ref))?.status).toBe('approved');
  });

  it('reject with a reason (the inline textarea): the requester gets the reason', async () => {
    const { submitted } = await requestContract('riley', fields({ counterparty: 'Contoso Ltd', value: '5000' }));
    expect(submitted.status).toBe(200);
    const ref = /C-\d{4}-\d{4}/.exec((submitted.body.messages as Message[])[0]!.text)![0];
    const card = await waitForMessage('lena', 'dm', (m) => m.text.includes(ref) && m.html.includes('approval.reject'), 'Lena’s card');
    const rejected = await api('POST', '/action', {
      persona: 'lena',
      messageId: card.id,
      actionId: 'approval.reject',
      value: actionValue(card.html, 'approval.reject'),
      inputs: { reason: 'The liability cap is missing.' },
    });
    expect(rejected.status).toBe(200);
    await waitForMessage('riley', 'dm', (m) => m.text.includes(ref) && m.text.includes('The liability cap is missing.'), 'the rejection in Riley’s DM');
    expect((await service.ctx.store.contracts.findByRef(ref))?.status).toBe('rejected');
  });

  it('renewals: the command, and the manager’s 12-month timeline (SVG and the rows of its table)', async () => {
    const renewals = await api('POST', '/command', { persona: 'marco', text: 'contract renewals 60' });
    expect(renewals.status).toBe(200);
    const answer = (renewals.body.messages as Message[])[1]!;
    expect(answer.html).toContain('<h3 class="card-title">Upcoming renewals</h3>');
    const typed = (renewals.body.messages as Message[])[0]!;
    expect(typed).toMatchObject({ from: { kind: 'persona', name: 'Marco Mendes' }, text: 'contract renewals 60' });

    const table = await api('GET', '/renewals?persona=marco');
    expect(table.status).toBe(200);
    expect(table.body.items.length).toBeGreaterThanOrEqual(5);
    expect(new Set(table.body.items.map((i: Json) => i.decision))).toEqual(new Set(['undecided', 'renewing', 'lapsing']));
    expect(table.body.alt).toEqual(expect.any(String));
    const svg = await fetch(`${base}/playground/api/renewals/timeline.svg?persona=marco`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/<svg[\s\S]*<\/svg>/);
  });

  it('ask: an answer with the passage quoted from a demo document', async () => {
    const asked = await api('POST', '/command', { persona: 'marco', text: 'contract ask what is the notice period in the Brightwave MSA?' });
    expect(asked.status).toBe(200);
    expect((asked.body.messages as Message[])[1]!.html).toMatch(/thirty \(30\) days/);
  });

  it('upload a text contract: proposed terms, then Confirm creates the contract; empty and garbage files are refused', async () => {
    const text = [
      'MASTER SERVICES AGREEMENT',
      'This Master Services Agreement is entered into as of January 5, 2027 between Larkspur Analytics Inc. and Fabrikam Data LLC.',
      'The term of this Agreement is twelve (12) months from the Effective Date.',
      'This Agreement renews automatically for successive twelve (12) month terms unless either party gives written notice of non-renewal at least thirty (30) days before the end of the then-current term.',
      'The fees under this Agreement are USD 36,000 per year.',
      'This Agreement is governed by the laws of the State of New York.',
    ].join('\n\n');
    const upload = (body: Uint8Array | string, name = 'fabrikam-msa.txt') =>
      fetch(`${base}/playground/api/upload?persona=riley&name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body,
      });
    const res = await upload(text);
    expect(res.status).toBe(200);
    const proposed = ((await res.json()) as Json).messages[0] as Message;
    expect(proposed.html).toContain('data-action-id="terms.confirm"');
    expect(proposed.html).toContain('Fabrikam');
    const confirmed = await api('POST', '/action', {
      persona: 'riley',
      messageId: proposed.id,
      actionId: 'terms.confirm',
      value: actionValue(proposed.html, 'terms.confirm'),
      inputs: {},
    });
    expect(confirmed.status).toBe(200);
    const after = (confirmed.body.messages as Message[]).map((m) => m.text).join('\n');
    expect(after).toMatch(/C-\d{4}-\d{4}/);

    const empty = await upload('', 'empty.txt');
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as Json).error).toBe('empty.txt is empty.');
    const garbage = await upload(new Uint8Array([0, 1, 2, 3, 255, 254, 0, 0, 7]), 'scan.pdf');
    expect(garbage.status).toBe(400);
  });

  it('streams another process’s writes too (polled by seq), each version once', async () => {
    const marco = await stream('marco');
    // Another process's store: its writes reach this process only through the database.
    const elsewhere = new MongoPlaygroundMessages(service.ctx.connection, clock);
    const { message } = await elsewhere.add({
      conversation: 'renewals',
      from: { kind: 'clause' },
      content: { kind: 'message', message: { text: 'From the worker' } },
    });
    const got = await marco.waitFor((m) => m.id === message.id, 'the worker’s message');
    expect(got).toMatchObject({ conversation: 'renewals', version: 1, text: 'From the worker', html: '<p class="msg-text">From the worker</p>' });
    await elsewhere.replace(message.id, { kind: 'message', message: { text: 'Updated by the worker' } });
    await marco.waitFor((m) => m.id === message.id && m.version === 2, 'the update');
    expect(marco.events.filter((m) => m.id === message.id).map((m) => m.version)).toEqual([1, 2]);
    // Another persona's DM never reaches Marco's stream.
    await elsewhere.add({ conversation: 'user:riley', from: { kind: 'clause' }, content: { kind: 'typed', text: 'private' } });
    const marker = await elsewhere.add({ conversation: 'approvals', from: { kind: 'clause' }, content: { kind: 'typed', text: 'marker' } });
    await marco.waitFor((m) => m.id === marker.message.id, 'the marker');
    expect(marco.events.some((m) => m.text === 'private')).toBe(false);
  });

  it('escapes what people type: a <script> counterparty is text', async () => {
    const { submitted } = await requestContract('riley', fields({ counterparty: '<script>alert(1)</script>', value: '1000' }));
    expect(submitted.status).toBe(200);
    const html = (submitted.body.messages as Message[])[0]!.html;
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });
});

describe('the playground on a database with real contracts', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startService({
      env: loadEnv({ PORT: '0', MONGODB_URI: testMongoUri(), MONGODB_DB_NAME: uniqueDbName('playground_real'), JOBS_ENABLED: 'false' }),
      logger: createLogger('silent'),
    });
  });
  afterAll(async () => {
    await service?.ctx.connection.dropDatabase().catch(() => undefined);
    await service?.stop();
  });

  it('refuses to seed the demo (409 with the reason) and does not offer it', async () => {
    const owner = { platform: 'web' as const, id: 'riley', displayName: 'Riley Rivera' };
    await createContract(service.ctx.store, {
      terms: { title: 'Real NDA', type: 'nda', counterparty: 'Real Co' },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
    });
    const base = `http://127.0.0.1:${service.port}/playground/api`;
    const seed = await fetch(`${base}/seed`, { method: 'POST' });
    expect(seed.status).toBe(409);
    expect(((await seed.json()) as Json).error).toMatch(/^refusing to seed demo data: database "\S+" already holds 1 contract that is not demo data/);
    expect(await (await fetch(`${base}/status`)).json()).toMatchObject({ contracts: 1, demo: false, canSeed: false });
  });
});

describe('the playground when it is off', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startService({
      env: loadEnv({
        PLAYGROUND: 'off',
        PORT: '0',
        HOST: '127.0.0.1',
        MONGODB_URI: testMongoUri(),
        MONGODB_DB_NAME: uniqueDbName('playground_off'),
        JOBS_ENABLED: 'false',
      }),
      logger: createLogger('silent'),
    });
  });
  afterAll(async () => {
    await service?.ctx.connection.dropDatabase().catch(() => undefined);
    await service?.stop();
  });

  it('answers 404 on every playground path', async () => {
    for (const path of ['/', '/playground/app.js', '/playground/api/personas', '/playground/api/status']) {
      expect((await fetch(`http://127.0.0.1:${service.port}${path}`)).status).toBe(404);
    }
    const seed = await fetch(`http://127.0.0.1:${service.port}/playground/api/seed`, { method: 'POST' });
    expect(seed.status).toBe(404);
  });
});
