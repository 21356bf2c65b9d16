/**
 * `npm run import -- [--dry-run] contracts.csv`: loads a portfolio of existing contracts (header in
 * the README, example in examples/contracts.csv). The header is checked before any row; good rows
 * are imported, bad rows are reported by line and column; re-running the file is safe.
 * Exit code 0 when every row was good, 1 when a row was rejected, 2 when the file was refused.
 */
import { readFile } from 'node:fs/promises';
import { loadEnv } from '../config/env.js';
import { SYSTEM_USER } from '../core/domain/user-ref.js';
import { systemClock } from '../core/ports/clock.js';
import { checkImportColumns } from '../core/services/check-import-columns.js';
import { importContracts } from '../core/services/import-contracts.js';
import { openDatabase } from '../app/open-database.js';
import { CsvInputError, DELIMITER_NAMES, readCsvTable } from '../infra/csv/read-csv-rows.js';
import { createLogger, resolveLogFormat } from '../infra/logger.js';
import { CliError, EXIT, progressBar, runCli, type CliSpec } from './cli-kit.js';
import { readableFile } from './cli-files.js';

const importCli: CliSpec = {
  name: 'import',
  file: 'import-contracts',
  usage: '[--dry-run] FILE.csv',
  summary: 'Imports existing contracts from a CSV file (header: see README "Importing a portfolio" and examples/contracts.csv).',
  options: {
    'dry-run': { type: 'boolean', short: 'n', description: 'check the file and show what would be created or updated; write nothing' },
  },
  positionals: { min: 1, max: 1 },
  details: `The header is checked first: unknown or missing columns refuse the whole file. Then each row is
validated on its own; rows are matched to contracts by external_id, so running a file twice is safe.

exit codes: 0 every row imported (or unchanged), 1 some rows rejected (each reported by line and
column), 2 the file was refused (usage, unreadable, empty, not CSV text, bad header).

Docker: docker compose run --rm -v "$PWD/contracts.csv:/data/contracts.csv:ro" app node dist/src/cli/import-contracts.js /data/contracts.csv`,
};

runCli(importCli, async ({ values, positionals }) => {
  const file = await readableFile(positionals[0]!).catch((error: CliError) => {
    throw new CliError(error.message, EXIT.usage);
  });
  const dryRun = values['dry-run'] === true;
  let table;
  try {
    table = readCsvTable(await readFile(file));
  } catch (error) {
    if (error instanceof CsvInputError) throw new CliError(`${file} refused: ${error.message}`, EXIT.usage);
    throw error;
  }
  const header = checkImportColumns(table.header);
  if (header.problems.length > 0) {
    const problems = header.problems.map((p) => `  ${p}`).join('\n');
    const hint =
      table.delimiter !== ',' ? `\n  (the file is ${DELIMITER_NAMES[table.delimiter]}-separated, which is fine: the column names are the problem)` : '';
    throw new CliError(`${file} refused, nothing imported: the header has problems\n${problems}${hint}`, EXIT.usage);
  }
  if (table.delimiter !== ',')
    process.stderr.write(`note: ${file} is ${DELIMITER_NAMES[table.delimiter]}-separated (${JSON.stringify(table.delimiter)}); reading it that way\n`);
  if (table.rows.length === 0) throw new CliError(`${file} has a header but no rows: nothing to import`, EXIT.usage);

  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL, undefined, resolveLogFormat(env.LOG_FORMAT));
  const db = await openDatabase(env, logger, systemClock);
  try {
    const bar = progressBar(dryRun ? 'checking' : 'importing', table.rows.length);
    const report = await importContracts(db.store, table.rows, { ...SYSTEM_USER, displayName: `import of ${file}` }, { dryRun, onProgress: () => bar.tick() });
    bar.stop();
    if (dryRun) {
      for (const c of report.changes) {
        process.stdout.write(
          c.action === 'create'
            ? `line ${c.line} (${c.externalId}): would create a contract\n`
            : `line ${c.line} (${c.externalId}): would update ${c.ref}: ${c.columns.join(', ')}\n`,
        );
      }
    }
    for (const e of report.errors) process.stdout.write(`line ${e.line}${e.externalId ? ` (${e.externalId})` : ''}: ${e.message}\n`);
    const verb = dryRun ? 'would be ' : '';
    process.stdout.write(
      `${table.rows.length} rows: ${report.created.length} ${verb}created, ${report.updated.length} ${verb}updated, ` +
        `${report.unchanged.length} unchanged, ${report.errors.length} rejected${dryRun ? ' (dry run: nothing was written)' : ''}\n`,
    );
    return report.errors.length > 0 ? EXIT.problems : EXIT.ok;
  } finally {
    await db.close();
  }
});
