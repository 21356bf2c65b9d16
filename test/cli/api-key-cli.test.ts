import { spawn } from 'node:child_process';
import { connectDatabase } from '../../src/infra/mongo/connect-database.js';
import { MongoApiKeys } from '../../src/infra/mongo/mongo-api-keys.js';
import { testMongoUri, uniqueDbName } from '../support/database.js';

/** Runs `npm run api-key`'s source through tsx, as the npm script does, against a test database. */
function run(args: string[], dbName: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/api-key.ts', ...args], {
    env: { ...process.env, MONGODB_URI: testMongoUri(), MONGODB_DB_NAME: dbName, LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run api-key', () => {
  const dbName = uniqueDbName('apikey');

  afterAll(async () => {
    const connection = await connectDatabase(testMongoUri(), dbName);
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  });

  it('creates a key shown once and stored hashed, lists it, and revokes it', async () => {
    const created = await run(['create', '--name', 'crm', '--scopes', 'contracts:read,contracts:write'], dbName);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const secret = /^(clause_[0-9a-f]{12}_[A-Za-z0-9_-]{43})$/m.exec(created.stdout)?.[1];
    expect(secret).toBeDefined();

    const connection = await connectDatabase(testMongoUri(), dbName);
    try {
      const stored = JSON.stringify(await connection.db!.collection('api_keys').find().toArray());
      expect(stored).not.toContain(secret!.slice(20));
      const keys = new MongoApiKeys(connection);
      expect(await keys.authenticate(secret!, new Date())).toMatchObject({ name: 'crm', scopes: ['contracts:read', 'contracts:write'] });

      const list = await run(['list'], dbName);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/crm\s+contracts:read,contracts:write/);
      expect(list.stdout).not.toContain(secret!.slice(20));

      const twice = await run(['create', '--name', 'crm', '--scopes', 'contracts:read'], dbName);
      expect(twice.code).toBe(1);
      expect(twice.stderr).toBe('api-key: an active key named "crm" already exists; revoke it first or choose another name\n');

      const revoked = await run(['revoke', '--name', 'crm'], dbName);
      expect(revoked.code).toBe(0);
      expect(await keys.authenticate(secret!, new Date())).toBeNull();
      expect((await run(['revoke', '--name', 'crm'], dbName)).code).toBe(1);
    } finally {
      await connection.close();
    }
  });

  it('answers wrong usage with one line and exit code 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['create', '--name', 'crm'], /create needs --scopes/],
      [
        ['create', '--name', 'crm', '--scopes', 'contracts:delete'],
        /unknown scope contracts:delete; the scopes are contracts:read, contracts:write, documents:write, renewals:read/,
      ],
      [['revoke'], /revoke needs exactly one of --name NAME or --id ID/],
      [['rotate'], /unknown command rotate/],
      [[], /missing argument/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args, dbName);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const help = await run(['--help'], dbName);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('node dist/src/cli/api-key.js');
  });
});
