import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORT_COLUMNS } from '../../src/core/services/import-contracts.js';
import { connectDatabase } from '../../src/infra/mongo/connect-database.js';
import { testMongoUri, uniqueDbName } from '../support/database.js';

/** Runs `npm run <script>`'s source through tsx, as the npm script does, against the test database. */
function run(cli: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${cli}.ts`, ...args], {
    env: { ...process.env, MONGODB_URI: testMongoUri(), LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('the command-line tools', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clause-cli-'));
  });

  it.each(['import-contracts', 'extract', 'retrieve', 'score-cuad', 'provision-db'])('%s answers --help with its usage and exit code 0', async (cli) => {
    const { code, stdout, stderr } = await run(cli, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\n\nusage: npm run \S+ -- /);
    expect(stdout).toContain(`node dist/src/cli/${cli}.js`);
    expect(stderr).toBe('');
  });

  it('prints a usage error as one line with exit code 2, not a stack trace', async () => {
    const extract = await run('extract', []);
    expect(extract.code).toBe(2);
    expect(extract.stderr).toBe('extract: missing argument: DIR --out FILE (usage: npm run extract -- DIR --out FILE; see --help)\n');
    const retrieve = await run('retrieve', [dir, '--out', join(dir, 'r.jsonl'), '--k', 'zero']);
    expect(retrieve.code).toBe(2);
    expect(retrieve.stderr.trim().split('\n')).toHaveLength(1);
    expect(retrieve.stderr).toMatch(/^retrieve: --k must be a whole number from 1 to 100, not zero/);
    const score = await run('score-cuad', [join(dir, 'missing')]);
    expect(score.code).toBe(1);
    expect(score.stderr).toBe(`score:cuad: ${join(dir, 'missing')} does not exist\n`);
    for (const r of [extract, retrieve, score]) noStack(r.stderr);
  });

  describe('import', () => {
    const dbNames: string[] = [];
    const dbEnv = () => {
      dbNames.push(uniqueDbName('cli_import'));
      return { MONGODB_DB_NAME: dbNames.at(-1)! };
    };
    afterAll(async () => {
      for (const name of dbNames) {
        const connection = await connectDatabase(testMongoUri(), name);
        await connection.dropDatabase().catch(() => undefined);
        await connection.close();
      }
    });

    it('refuses an empty file and a binary file with one line each, exit code 2', async () => {
      await writeFile(join(dir, 'empty.csv'), '');
      const empty = await run('import-contracts', [join(dir, 'empty.csv')], dbEnv());
      expect(empty.code).toBe(2);
      expect(empty.stderr).toBe(
        `import: ${join(dir, 'empty.csv')} refused: the file is empty: expected a header line and one row per contract (see examples/contracts.csv)\n`,
      );
      const bytes = Buffer.alloc(10_000);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
      await writeFile(join(dir, 'binary.csv'), bytes);
      const binary = await run('import-contracts', [join(dir, 'binary.csv')], dbEnv());
      expect(binary.code).toBe(2);
      expect(binary.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(binary.stderr.length).toBeLessThan(300);
      expect(binary.stdout).toBe('');
    });

    it('refuses a header with misspelt columns before reading any row, with a suggestion', async () => {
      await writeFile(join(dir, 'typo.csv'), 'external_id,type,counterparty,owner_email,enddate,notice_days\nT-1,nda,Acme,a@example.com,2027-01-01,30\n');
      const r = await run('import-contracts', [join(dir, 'typo.csv')], dbEnv());
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `import: ${join(dir, 'typo.csv')} refused, nothing imported: the header has problems\n` +
          '  unknown column "enddate" (did you mean end_date?)\n' +
          '  unknown column "notice_days" (did you mean notice_period_days?)\n',
      );
    });

    it('reads a semicolon-separated file and says so; a dry run shows what would change and writes nothing', async () => {
      const env = dbEnv();
      await writeFile(join(dir, 'semi.csv'), 'external_id;type;counterparty;owner_email;end_date\nS-1;nda;"Acme; Inc.";a@example.com;2027-01-01\n');
      const dry = await run('import-contracts', ['--dry-run', join(dir, 'semi.csv')], env);
      expect(dry.stderr).toBe(`note: ${join(dir, 'semi.csv')} is semicolon-separated (";"); reading it that way\n`);
      expect(dry.stdout).toBe(
        'line 2 (S-1): would create a contract\n1 rows: 1 would be created, 0 would be updated, 0 unchanged, 0 rejected (dry run: nothing was written)\n',
      );
      expect(dry.code).toBe(0);
      const real = await run('import-contracts', [join(dir, 'semi.csv')], env);
      expect(real.stdout).toBe('1 rows: 1 created, 0 updated, 0 unchanged, 0 rejected\n');
      const again = await run('import-contracts', ['-n', join(dir, 'semi.csv')], env);
      expect(again.stdout).toBe('1 rows: 0 would be created, 0 would be updated, 1 unchanged, 0 rejected (dry run: nothing was written)\n');
    });

    it('reports a bad row by line and column and exits 1', async () => {
      const header = IMPORT_COLUMNS.join(',');
      await writeFile(join(dir, 'rows.csv'), `${header}\nE-1,Backwards,nda,Hooli,h@example.com,,,,,2027-01-01,2026-01-01,,,,,,,,\n`);
      const r = await run('import-contracts', [join(dir, 'rows.csv')], dbEnv());
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('line 2 (E-1): end_date: must not be before start_date\n1 rows: 0 created, 0 updated, 0 unchanged, 1 rejected\n');
      noStack(r.stderr);
    });
  });
});
