import { openApprovals } from './app/open-approvals.js';
import { openDatabase } from './app/open-database.js';
import { NotifierRouter } from './app/notifier-router.js';
import { registerSendOnlyNotifiers } from './app/register-notifiers.js';
import type { AppContext } from './app/app-context.js';
import { exitOnSignals, loadEnvOrExit, logConfigSources } from './app/load-env-or-exit.js';
import { systemClock } from './core/ports/clock.js';
import { createProcessLogger } from './infra/logger.js';
import { startJobs } from './jobs/start-jobs.js';

/**
 * `npm run worker`: the scheduled jobs alone (no HTTP server), for deployments that run web
 * processes with JOBS_ENABLED=false. Any number of workers and web processes may run the jobs at
 * once: every reminder is claimed before it is sent.
 */
async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const logger = createProcessLogger(env).child({ process: 'worker' });
  logConfigSources(logger);
  const clock = systemClock;
  const db = await openDatabase(env, logger, clock);
  const notifier = new NotifierRouter(logger);
  const approvals = await openApprovals(env, db.connection, db.store, notifier);
  const ctx: AppContext = { env, logger, clock, connection: db.connection, store: db.store, notifier, approvals };
  const platforms = await registerSendOnlyNotifiers(ctx);
  logger.info({ platforms }, 'worker can send to these chat platforms');
  const jobs = await startJobs(ctx);

  exitOnSignals(logger, async () => {
    await jobs.stop();
    await db.close();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`Clause worker could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
