import { exitOnSignals, loadEnvOrExit, logConfigSources } from './app/load-env-or-exit.js';
import { startWorker } from './app/start-worker.js';
import { systemClock } from './core/ports/clock.js';
import { createProcessLogger } from './infra/logger.js';
import { processClock } from './app/delivery-timing.js';

/**
 * `npm run worker`: the scheduled jobs alone (no HTTP server), for deployments that run web
 * processes with JOBS_ENABLED=false. Any number of workers and web processes may run the jobs at
 * once: every reminder is claimed before it is sent.
 */
async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const logger = createProcessLogger(env).child({ process: 'worker' });
  logConfigSources(logger);
  const worker = await startWorker({ env, logger, clock: processClock(env, systemClock) });
  // Claim nothing new; sends in flight finish or time out within SHUTDOWN_GRACE_MS; their
  // outcomes are recorded; the Agenda jobs this worker holds are unlocked; then the database closes.
  exitOnSignals(logger, () => worker.stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`Clause worker could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
