import type { Env } from '../config/env.js';
import type { Logger } from '../infra/logger.js';
import type { RenewalServices } from '../app/open-renewals.js';

/** What every job definition gets. */
export interface JobContext {
  env: Env;
  logger: Logger;
  services: RenewalServices;
}
