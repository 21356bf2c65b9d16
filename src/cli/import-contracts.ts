/**
 * `npm run import -- contracts.csv`: loads a portfolio of existing contracts (header in the
 * README, example in examples/contracts.csv). Good rows are imported, bad rows are reported by
 * line; re-running the file is safe. Exit code 0 when every row was good, 1 otherwise.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError, loadEnv } from '../config/env.js';
import { SYSTEM_USER } from '../core/domain/user-ref.js';
import { systemClock } from '../core/ports/clock.js';
import { importContracts } from '../core/services/import-contracts.js';
import { openDatabase } from '../app/open-database.js';
import { readCsvRows } from '../infra/csv/read-csv-rows.js';
import { createLogger } from '../infra/logger.js';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npm run import -- contracts.csv\n');
    return 2;
  }
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    process.stderr.write(`cannot read ${file}\n`);
    return 2;
  }
  let rows;
  try {
    rows = readCsvRows(text);
  } catch (error) {
    process.stderr.write(`${file} is not valid CSV: ${(error as Error).message}\n`);
    return 2;
  }
  const db = await openDatabase(env, logger, systemClock);
  try {
    const report = await importContracts(db.store, rows, { ...SYSTEM_USER, displayName: `import of ${file}` });
    for (const e of report.errors) process.stdout.write(`line ${e.line}${e.externalId ? ` (${e.externalId})` : ''}: ${e.message}\n`);
    process.stdout.write(
      `${rows.length} rows: ${report.created.length} created, ${report.updated.length} updated, ` +
        `${report.unchanged.length} unchanged, ${report.errors.length} rejected\n`,
    );
    return report.errors.length > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : `import failed: ${(error as Error).message}`}\n`);
    process.exit(2);
  },
);
