/**
 * `npm run db:provision`: prepares the database ahead of the first start. Without MONGODB_URI it
 * finds or builds the embedded database (FerretDB, built once with Go into the cache folder; a
 * minute or so the first time) and starts it once on CLAUSE_DATA_DIR; with MONGODB_URI it checks
 * the connection. Either way it creates Clause's indexes, then stops.
 */
import { loadEnv } from '../config/env.js';
import { systemClock } from '../core/ports/clock.js';
import { openDatabase } from '../app/open-database.js';
import { createLogger, resolveLogFormat } from '../infra/logger.js';
import { runCli, type CliSpec } from './cli-kit.js';

const provisionCli: CliSpec = {
  name: 'db:provision',
  file: 'provision-db',
  usage: '',
  summary:
    'Prepares the database before the first start: builds the embedded database once (needs Go; about a minute) or checks MONGODB_URI, and creates the indexes.',
  details: 'It uses the same settings as npm start: MONGODB_URI, MONGODB_DB_NAME, CLAUSE_DATA_DIR, CLAUSE_CACHE_DIR (see .env.example).',
};

runCli(provisionCli, async () => {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL, undefined, resolveLogFormat(env.LOG_FORMAT));
  const started = performance.now();
  const db = await openDatabase(env, logger, systemClock);
  await db.close();
  process.stdout.write(
    `database ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${db.database.description}, database "${env.MONGODB_DB_NAME}", indexes created\n`,
  );
});
