import type { Env } from '../config/env.js';
import { systemClock, type Clock } from '../core/ports/clock.js';
import type { Logger } from '../infra/logger.js';
import type { ProvisionedDatabase } from '../infra/mongo/provision/provision-database.js';
import { startJobs, type RunningJobs, type StartJobsOptions } from '../jobs/start-jobs.js';
import type { AppContext } from './app-context.js';
import { platformStates, type ChatPlatforms } from './chat-platforms.js';
import { composeServices } from './compose-services.js';
import { watchDatabase } from './database-monitor.js';
import { openDatabase } from './open-database.js';

export interface RunningWorker {
  ctx: AppContext;
  platforms: ChatPlatforms;
  jobs: RunningJobs;
  /** Claims nothing new, lets sends in flight finish within `graceMs` (SHUTDOWN_GRACE_MS), unlocks its jobs, closes the database. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartWorkerOptions {
  env: Env;
  logger: Logger;
  clock?: Clock;
  /** Use this already-provisioned database instead of resolving one (tests). */
  database?: ProvisionedDatabase;
  /** Agenda settings (tests: no schedules, a short lock). */
  jobs?: StartJobsOptions;
}

/**
 * The worker (`npm run worker`): the scheduled jobs alone, no HTTP server, on the same Services
 * as the web process (composeServices: same notifiers, same approval channels, same policy). It
 * mounts no surface, so it never receives (and never double-handles) chat events.
 */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const { env, logger } = options;
  const clock = options.clock ?? systemClock;
  const db = await openDatabase(env, logger, clock, options.database);
  let composed;
  try {
    composed = await composeServices({ env, logger, clock, connection: db.connection, store: db.store, webhooks: db.webhooks });
  } catch (error) {
    await db.close();
    throw error;
  }
  const { ctx, platforms } = composed;
  logger.info({ platforms: platformStates(platforms) }, 'worker can send to these chat platforms');
  const jobs = await startJobs(ctx, options.jobs);
  const monitor = watchDatabase(db.connection, logger, { paused: 'the renewal scan, reminders and message deliveries are' });
  let stopping: Promise<void> | undefined;
  return {
    ctx,
    platforms,
    jobs,
    stop: (graceMs = env.SHUTDOWN_GRACE_MS) =>
      (stopping ??= (async () => {
        monitor.stop();
        await jobs.stop(graceMs);
        await db.webhooks.idle(graceMs); // first attempts of webhooks in flight
        await db.close();
        logger.info('worker stopped');
      })()),
  };
}
