import { exitOnSignals, loadEnvOrExit, logConfigSources } from './app/load-env-or-exit.js';
import { startService } from './app/start-service.js';
import { createProcessLogger } from './infra/logger.js';
import { processClock } from './app/delivery-timing.js';
import { systemClock } from './core/ports/clock.js';

/** `npm start`: the service (HTTP, chat surfaces and, unless JOBS_ENABLED=false, the jobs). */
async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const logger = createProcessLogger(env);
  logConfigSources(logger);
  const service = await startService({ env, logger, clock: processClock(env, systemClock) });
  exitOnSignals(logger, () => service.stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`Clause could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
