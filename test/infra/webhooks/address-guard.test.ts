import { hostname } from 'node:os';
import { lookup } from 'node:dns/promises';
import { isInternalAddress, publicOnlyUrlCheck } from '../../../src/infra/webhooks/address-guard.js';
import { HttpWebhookTransport } from '../../../src/infra/webhooks/http-webhook-transport.js';
import { WebhookReceiver } from '../../emulators/webhook-receiver.js';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const request = (url: string) => ({ url, secret: SECRET, id: 'evt_guard', body: '{"type":"contract.signed"}' });

describe('webhook receivers on internal addresses (server-side request forgery)', () => {
  const receiver = new WebhookReceiver();
  let port: string;

  beforeAll(async () => {
    await receiver.start();
    receiver.setSecret(SECRET);
    port = new URL(receiver.url).port;
  });
  afterAll(() => receiver.stop());

  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.5', true],
    ['192.168.1.10', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['::', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['8.8.8.8', false],
    ['93.184.216.34', false],
    ['172.32.0.1', false],
    ['2606:4700::1111', false],
    ['::ffff:8.8.8.8', false],
  ])('%s internal: %s', (address, internal) => {
    expect(isInternalAddress(address)).toBe(internal);
  });

  it('refuses an internal IP literal or localhost before sending anything; the refusal is final and says why', async () => {
    const transport = new HttpWebhookTransport({ timeoutMs: 2000, allowPrivate: false });
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      `http://localhost:${port}/hook`,
      `http://[::1]:${port}/hook`,
      'http://169.254.169.254/latest/meta-data',
    ]) {
      const outcome = await transport.post(request(url));
      expect(outcome.status).toBe('permanent');
      expect(outcome.status === 'permanent' && outcome.reason).toMatch(/is an internal address .*WEBHOOK_ALLOW_PRIVATE_URLS=true/);
    }
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses a host name that resolves to an internal address, at connect time (after DNS)', async () => {
    const name = hostname();
    const resolved = await lookup(name).catch(() => undefined);
    if (!resolved || !isInternalAddress(resolved.address)) {
      console.warn(`skipped: ${name} does not resolve to an internal address here`);
      return;
    }
    const transport = new HttpWebhookTransport({ timeoutMs: 2000, allowPrivate: false });
    const outcome = await transport.post(request(`http://${name}:${port}/hook`));
    expect(outcome).toMatchObject({ status: 'permanent' });
    expect(outcome.status === 'permanent' && outcome.reason).toContain(`${name} is an internal address (${resolved.address})`);
    expect(receiver.received).toHaveLength(0);
  });

  it('posts to internal addresses when they are allowed (the default outside production)', async () => {
    const transport = new HttpWebhookTransport({ timeoutMs: 2000, allowPrivate: true });
    expect(await transport.post(request(`http://127.0.0.1:${port}/hook`))).toMatchObject({ status: 'delivered', httpStatus: expect.any(Number) });
    expect(receiver.received).toHaveLength(1);
  });

  describe('the subscription-time check (publicOnlyUrlCheck)', () => {
    /** A DNS that answers from this table; a name not in it fails as unknown. */
    const fakeDns = (table: Record<string, string[]>) => {
      const asked: string[] = [];
      const resolve = async (name: string) => {
        asked.push(name);
        const addresses = table[name];
        if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
        return addresses.map((address) => ({ address }));
      };
      return { asked, resolve };
    };

    it('refuses internal literals and localhost without asking DNS, and lets public literals through', async () => {
      const dns = fakeDns({});
      const check = publicOnlyUrlCheck({ resolve: dns.resolve });
      for (const url of ['http://127.0.0.1/h', 'http://[::1]:8080/h', 'http://169.254.169.254/latest', 'http://LOCALHOST./h', 'http://a.localhost/h'])
        expect(await check(url)).toMatch(/is an internal address .*WEBHOOK_ALLOW_PRIVATE_URLS=true/);
      expect(await check('http://93.184.216.34/h')).toBeUndefined();
      expect(await check('https://[2606:4700::1111]/h')).toBeUndefined();
      expect(dns.asked).toEqual([]);
    });

    it('refuses a host name when any of its addresses is internal, and says which', async () => {
      const dns = fakeDns({
        'inside.example': ['10.0.0.7'],
        'split.example': ['93.184.216.34', 'fd00::5'],
        'crm.example': ['93.184.216.34', '2606:4700::1111'],
      });
      const check = publicOnlyUrlCheck({ resolve: dns.resolve });
      expect(await check('https://inside.example/h')).toBe(
        'inside.example is an internal address (10.0.0.7); webhooks go only to public addresses unless WEBHOOK_ALLOW_PRIVATE_URLS=true',
      );
      expect(await check('https://split.example./h')).toMatch(/^split\.example is an internal address \(fd00::5\)/);
      expect(await check('https://crm.example/h')).toBeUndefined();
    });

    it('lets a host name through when DNS fails or does not answer in time (the send-time guard still applies)', async () => {
      const check = publicOnlyUrlCheck({ resolve: fakeDns({}).resolve });
      expect(await check('https://unknown.example/h')).toBeUndefined();
      const silent = publicOnlyUrlCheck({ dnsTimeoutMs: 20, resolve: () => new Promise(() => undefined) });
      expect(await silent('https://slow.example/h')).toBeUndefined();
    });
  });
});
