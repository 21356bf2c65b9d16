import { spawn } from 'node:child_process';
import { connectDatabase } from '../../src/infra/mongo/connect-database.js';
import { testMongoUri, uniqueDbName } from '../support/database.js';

/** Runs `npm run webhooks`'s source through tsx, as the npm script does, against a test database. */
function run(args: string[], dbName: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/webhooks.ts', ...args], {
    env: { ...process.env, MONGODB_URI: testMongoUri(), MONGODB_DB_NAME: dbName, LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run webhooks', () => {
  const dbName = uniqueDbName('webhookscli');

  afterAll(async () => {
    const connection = await connectDatabase(testMongoUri(), dbName);
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  });

  it('creates a subscription with its secret shown once, lists it without the secret, disables, enables and shows its log', async () => {
    const created = await run(
      ['create', '--url', 'https://crm.example.com/hooks/clause', '--events', 'contract.signed,contract.renewed', '--description', 'CRM'],
      dbName,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const id = /subscription (wh_[0-9a-f]{16})/.exec(created.stdout)?.[1];
    const secret = /^(whsec_[A-Za-z0-9+/]+=*)$/m.exec(created.stdout)?.[1];
    expect(id).toBeDefined();
    expect(secret).toBeDefined();

    const list = await run(['list'], dbName);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${id}  enabled   https://crm.example.com/hooks/clause  contract.signed,contract.renewed  "CRM"`);
    expect(list.stdout).not.toContain(secret!.slice(6, 30));

    expect((await run(['disable', id!], dbName)).stdout).toBe(`${id} is disabled\n`);
    expect((await run(['enable', id!], dbName)).stdout).toBe(`${id} is enabled\n`);
    expect((await run(['deliveries', id!], dbName)).stdout).toBe('no delivery attempts yet\n');

    // A given secret is used as is.
    const given = `whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`;
    const mine = await run(['create', '--url', 'http://erp.internal:8080/in', '--events', 'obligation.due', '--secret', given], dbName);
    expect(mine.code).toBe(0);
    expect(mine.stdout).toContain(given);
  }, 180_000);

  it('answers wrong usage with one line and exit 2, and refused input with one line and exit 1, storing nothing', async () => {
    const usage = await run(['create', '--url', 'https://x.example.com', '--events', 'contract.exploded'], dbName);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^webhooks: unknown event contract\.exploded; the events are contract\.requested, .*\n/);
    const badUrl = await run(['create', '--url', 'ftp://x.example.com/in', '--events', 'contract.signed'], dbName);
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toBe('webhooks: Invalid webhook subscription: url must be an http:// or https:// URL\n');
    const internal = await run(['create', '--url', 'http://169.254.169.254/latest', '--events', 'contract.signed'], dbName, {
      WEBHOOK_ALLOW_PRIVATE_URLS: 'false',
    });
    expect(internal.code).toBe(1);
    expect(internal.stderr).toBe(
      'webhooks: Invalid webhook subscription: url 169.254.169.254 is an internal address (169.254.169.254); webhooks go only to public addresses unless WEBHOOK_ALLOW_PRIVATE_URLS=true\n',
    );
    const unknown = await run(['disable', 'wh_0000000000000000'], dbName);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('webhooks: There is no webhook subscription wh_0000000000000000.\n');
    // Only the two subscriptions of the first test exist.
    const connection = await connectDatabase(testMongoUri(), dbName);
    try {
      expect(await connection.db!.collection('webhook_subscriptions').countDocuments()).toBe(2);
    } finally {
      await connection.close();
    }
  }, 180_000);
});
