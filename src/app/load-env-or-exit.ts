import { ConfigError, loadEnv, type Env } from '../config/env.js';
import { envFilesRead, loadProcessEnvFiles } from '../config/env-files.js';

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

/** Runs `stop` once on SIGTERM or SIGINT, then exits (0, or 1 when stopping failed). */
export function exitOnSignals(logger: { info: (o: object, m: string) => void; error: (o: object, m: string) => void }, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'signal received, shutting down');
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** The start-up log line that names the configuration files read (none: the environment only). */
export function logConfigSources(logger: { info: (o: object, m: string) => void }): void {
  const files = envFilesRead();
  logger.info(
    { envFiles: files },
    files.length > 0 ? `configuration: the environment, then ${files.join(', then ')}` : 'configuration: the environment (no .env or .env.local file)',
  );
}
