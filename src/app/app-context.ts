import type { Connection } from 'mongoose';
import type { Env } from '../config/env.js';
import type { PrunableRecords } from '../core/ports/prunable-records.js';
import type { Services } from '../core/ports/services.js';
import type { NotifierRouter } from './notifier-router.js';
import type { WebhookServices } from './open-webhooks.js';

/**
 * The composition root's output for one process: the one `Services` object every surface and
 * the jobs are built from, plus what only the root holds (the settings, the connection, the
 * router the platforms' notifiers are registered on).
 */
export interface AppContext extends Services {
  env: Env;
  connection: Connection;
  notifier: NotifierRouter;
  /** Outbound webhooks (absent where the store was not opened by openDatabase, e.g. some tests). */
  webhooks?: WebhookServices;
  /** What the daily housekeeping job prunes (src/jobs/housekeeping-job.ts). */
  prunable: PrunableRecords[];
}
