/**
 * npm run bench:import -- [rows]: times `npm run import` of a generated portfolio (default 10,000
 * rows) on a fresh embedded database (FerretDB in a temporary CLAUSE_DATA_DIR, or MONGODB_URI when
 * set), then the same file again (every row unchanged) and a dry run of it. Each figure is the
 * whole command, start-up included, as a person would wait for it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORT_COLUMNS } from '../src/core/services/import-contracts.js';

const rows = Number(process.argv[2] ?? 10_000);
const dir = await mkdtemp(join(tmpdir(), 'clause-import-bench-'));
const file = join(dir, 'portfolio.csv');
const types = ['nda', 'msa', 'sow', 'order_form'];
const lines = [IMPORT_COLUMNS.join(',')];
for (let i = 0; i < rows; i++) {
  const start = `202${5 + (i % 2)}-${String(1 + (i % 12)).padStart(2, '0')}-01`;
  const end = `202${7 + (i % 3)}-${String(1 + (i % 12)).padStart(2, '0')}-01`;
  lines.push(
    [
      `BENCH-${i}`,
      `Contract ${i}`,
      types[i % 4],
      `Counterparty ${i % 997}`,
      `owner${i % 50}@example.com`,
      '',
      '',
      String(1000 + i),
      'USD',
      start,
      end,
      '24',
      i % 3 === 0 ? 'true' : 'false',
      i % 3 === 0 ? '12' : '',
      '60',
      'Delaware',
      'active',
      '',
      '',
    ].join(','),
  );
}
await writeFile(file, `${lines.join('\n')}\n`);

function run(args: string[]): Promise<{ ms: number; code: number | null; out: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import-contracts.ts', ...args], {
    env: { ...process.env, CLAUSE_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ ms: performance.now() - started, code, out: out.trim().split('\n').at(-1) ?? '' })));
}

console.log(`${rows} rows, ${process.env.MONGODB_URI ? 'MONGODB_URI' : 'embedded database (fresh)'}`);
for (const [label, args] of [
  ['first import', [file]],
  ['re-run (unchanged)', [file]],
  ['dry run', ['--dry-run', file]],
] as const) {
  const r = await run([...args]);
  console.log(`${label.padEnd(20)} ${(r.ms / 1000).toFixed(1).padStart(6)} s  exit ${r.code}  ${r.out}`);
}
