import { openApprovals } from './app/open-approvals.js';
import { openDatabase } from './app/open-database.js';
import { NotifierRouter } from './app/notifier-router.js';
import { registerSendOnlyNotifiers } from './app/register-notifiers.js';
import type { AppContext } from './app/app-context.js';
import { exitOnSignals, loadEnvOrExit, logConfigSources } from './app/load-env-or-exit.js';
import { systemClock } from './core/ports/clock.js';
import { createProcessLogger } from './infra/logger.js';
import { startJobs } from './jobs/start-jobs.js';
import { processClock } from './app/delivery-timing.js';
import { watchDatabase } from './app/database-monitor.js';
import { webhookServicesFor } from './app/open-webhooks.js';

/**
 * `npm run worker`: the scheduled jobs alone (no HTTP server), for deployments that run web
 * processes with JOBS_ENABLED=false. Any number of workers and web processes may run the jobs at
 * once: every reminder is claimed before it is sent.
 */
async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const logger = createProcessLogger(env).child({ process: 'worker' });
  logConfigSources(logger);
  const clock = processClock(env, systemClock);
  const db = await openDatabase(env, logger, clock);
  const notifier = new NotifierRouter(logger);
  const approvals = await openApprovals(env, db.connection, db.store, notifier);
  const ctx: AppContext = { env, logger, clock, connection: db.connection, store: db.store, notifier, approvals };
  const platforms = await registerSendOnlyNotifiers(ctx);
  logger.info({ platforms }, 'worker can send to these chat platforms');
  const jobs = await startJobs(ctx);
  const monitor = watchDatabase(db.connection, logger, { paused: 'the renewal scan, reminders and message deliveries are' });

  exitOnSignals(logger, async () => {
    // Claim nothing new; sends in flight finish or time out within SHUTDOWN_GRACE_MS; their
    // outcomes are recorded; the Agenda jobs this worker holds are unlocked; then the database closes.
    monitor.stop();
    await jobs.stop(env.SHUTDOWN_GRACE_MS);
    await (await webhookServicesFor(ctx)).idle(env.SHUTDOWN_GRACE_MS); // first attempts of webhooks in flight
    await db.close();
    logger.info('worker stopped');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`Clause worker could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
