import type { Connection } from 'mongoose';
import type { Env } from '../config/env.js';
import type { Clock } from '../core/ports/clock.js';
import type { ApprovalDeps } from '../core/services/approval-deps.js';
import type { ContractStoreDeps } from '../core/services/contract-store-deps.js';
import type { Logger } from '../infra/logger.js';
import type { NotifierRouter } from './notifier-router.js';

/** Everything a surface (Slack, Teams, jobs) is built from: the composition root's output. */
export interface AppContext {
  env: Env;
  logger: Logger;
  clock: Clock;
  connection: Connection;
  store: ContractStoreDeps;
  /** Chat surfaces register their notifier here when they mount. */
  notifier: NotifierRouter;
  /**
   * The approval engine: the store plus rounds, the policy (POLICY_FILE), `notifier` and the
   * approval channels. Surfaces add their channel to `approvalChannels` when they mount.
   */
  approvals: ApprovalDeps;
}
