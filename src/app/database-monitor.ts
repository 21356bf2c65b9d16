import type { Connection } from 'mongoose';
import type { Logger } from '../core/ports/logger.js';
import { pingDatabase } from '../infra/mongo/connect-database.js';

export interface DatabaseMonitor {
  /** The state of the last ping. */
  readonly up: boolean;
  stop(): void;
}

/**
 * Pings the database every `intervalMs` and logs each change of state once: one warning when it
 * becomes unreachable (naming what is paused), one info line when it is back. Nothing else
 * needs doing on recovery: the driver reconnects, Agenda polls again, the follow-up scan and
 * the delivery sweeper pick up what failed meanwhile.
 */
export function watchDatabase(connection: Connection, logger: Logger, options: { intervalMs?: number; paused: string }): DatabaseMonitor {
  let up = true;
  let since = Date.now();
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    void pingDatabase(connection)
      .then((ok) => {
        if (ok === up) return;
        const downForMs = Date.now() - since;
        up = ok;
        since = Date.now();
        if (!ok) logger.warn({ database: 'unreachable', paused: options.paused }, `database unreachable: ${options.paused} paused until it is back`);
        else logger.info({ database: 'connected', downForMs }, `database reachable again after ${Math.round(downForMs / 1000)} s; paused work resumes`);
      })
      .finally(() => {
        checking = false;
      });
  }, options.intervalMs ?? 2_000);
  timer.unref();
  return {
    get up() {
      return up;
    },
    stop: () => clearInterval(timer),
  };
}
