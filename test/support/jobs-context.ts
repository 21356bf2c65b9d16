import type { Connection } from 'mongoose';
import { NotifierRouter } from '../../src/app/notifier-router.js';
import { openApprovals } from '../../src/app/open-approvals.js';
import type { AppContext } from '../../src/app/app-context.js';
import { loadEnv } from '../../src/config/env.js';
import type { Clock } from '../../src/core/ports/clock.js';
import type { ContractStoreDeps } from '../../src/core/services/contract-store-deps.js';
import { createLogger } from '../../src/infra/logger.js';
import { RecordingNotifier } from './recording-notifier.js';

/** An AppContext on a test database whose Slack and Teams messages go to a recording notifier. */
export async function jobsContext(
  db: { connection: Connection; store: ContractStoreDeps; clock: Clock },
  env: NodeJS.ProcessEnv = {},
): Promise<{ ctx: AppContext; recorder: RecordingNotifier }> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const recorder = new RecordingNotifier();
  const notifier = new NotifierRouter(logger);
  notifier.register('slack', recorder);
  notifier.register('teams', recorder);
  const parsed = loadEnv({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env });
  const approvals = await openApprovals(parsed, db.connection, db.store, notifier);
  return { ctx: { env: parsed, logger, clock: db.clock, connection: db.connection, store: db.store, notifier, approvals }, recorder };
}
