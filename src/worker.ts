import { openApprovals } from './app/open-approvals.js';
import { openDatabase } from './app/open-database.js';
import { NotifierRouter } from './app/notifier-router.js';
import { registerSendOnlyNotifiers } from './app/register-notifiers.js';
import type { AppContext } from './app/app-context.js';
import { ConfigError, loadEnv } from './config/env.js';
import { systemClock } from './core/ports/clock.js';
import { createLogger } from './infra/logger.js';
import { startJobs } from './jobs/start-jobs.js';

/**
 * `npm run worker`: the scheduled jobs alone (no HTTP server), for deployments that run web
 * processes with JOBS_ENABLED=false. Any number of workers and web processes may run the jobs at
 * once: every reminder is claimed before it is sent.
 */
async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(env.LOG_LEVEL).child({ process: 'worker' });
  const clock = systemClock;
  const db = await openDatabase(env, logger, clock);
  const notifier = new NotifierRouter(logger);
  const approvals = await openApprovals(env, db.connection, db.store, notifier);
  const ctx: AppContext = { env, logger, clock, connection: db.connection, store: db.store, notifier, approvals };
  const platforms = await registerSendOnlyNotifiers(ctx);
  logger.info({ platforms }, 'worker can send to these chat platforms');
  const jobs = await startJobs(ctx);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down');
    jobs
      .stop()
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'worker shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Clause worker could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
