import type { Env } from '../config/env.js';
import type { Clock } from '../core/ports/clock.js';
import type { Logger } from '../core/ports/logger.js';
import type { PrunableRecords } from '../core/ports/prunable-records.js';
import type { RenewalServices } from '../core/ports/services.js';
import type { RecoverContractEventsDeps } from '../core/services/recover-contract-events.js';
import type { SweptOutbox } from '../core/services/sweep-deliveries.js';

/** What every job definition gets. */
export interface JobContext {
  env: Env;
  logger: Logger;
  services: RenewalServices;
  /** Every outbox the delivery sweeper serves. */
  outboxes: SweptOutbox[];
  /** What the daily housekeeping job deletes when it is old enough. */
  prunable: readonly PrunableRecords[];
  clock: Clock;
  /** What the webhook recovery job (webhooks.recover) reads and queues with; absent without webhooks. */
  webhookRecovery?: RecoverContractEventsDeps;
  /** Aborted on shutdown: jobs stop claiming new work. */
  signal: AbortSignal;
}
