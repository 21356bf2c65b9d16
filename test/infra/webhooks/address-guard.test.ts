import { hostname } from 'node:os';
import { lookup } from 'node:dns/promises';
import { isInternalAddress } from '../../../src/infra/webhooks/address-guard.js';
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
});
