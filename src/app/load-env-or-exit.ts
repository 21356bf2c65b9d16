import { ConfigError, loadEnv, type Env } from '../config/env.js';
import { envFilesRead, loadProcessEnvFiles } from '../config/env-files.js';

/** The parent at start-up (read when this module loads, before anything slow can happen). */
const STARTED_BY = process.ppid;

/**
 * The environment (after reading `.env.local` and `.env` when present; the real environment wins),
 * or, on a configuration error, its one-line-per-variable message and exit 1.
 */
export function loadEnvOrExit(): Env {
  try {
    loadProcessEnvFiles();
    return loadEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Runs `stop` once on SIGTERM or SIGINT, then exits (0, or 1 when stopping failed). A second
 * signal while stopping exits at once (code 130 for SIGINT, 143 for SIGTERM).
 */
export function exitOnSignals(
  logger: { info: (o: object, m: string) => void; warn?: (o: object, m: string) => void; error: (o: object, m: string) => void },
  stop: () => Promise<void>,
): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals | 'parent exited') => {
    if (stopping) {
      (logger.warn ?? logger.info).call(logger, { signal }, 'second signal: exiting at once');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    stopping = true;
    logger.info({ signal }, 'signal received, shutting down (send it again to exit at once)');
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Started through an npm script (`npm start`, `npm run worker`): npm does not pass its own
  // SIGTERM on, so when npm goes away this process (and the database it started) would run on
  // orphaned. It notices the change of parent and stops as on SIGTERM.
  const parent = STARTED_BY;
  if (process.env.npm_lifecycle_event && parent > 1) {
    const check = () => {
      if (process.ppid === parent) return false;
      logger.info({ parent }, 'the npm process that started Clause exited');
      shutdown('parent exited');
      return true;
    };
    if (!check()) {
      const watch = setInterval(() => {
        if (check()) clearInterval(watch);
      }, 1_000);
      watch.unref();
    }
  }
}

/** The start-up log line that names the configuration files read (none: the environment only). */
export function logConfigSources(logger: { info: (o: object, m: string) => void }): void {
  const files = envFilesRead();
  logger.info(
    { envFiles: files },
    files.length > 0 ? `configuration: the environment, then ${files.join(', then ')}` : 'configuration: the environment (no .env or .env.local file)',
  );
}
