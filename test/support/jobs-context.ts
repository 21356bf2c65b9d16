import type { Connection } from 'mongoose';
import type { AppContext } from '../../src/app/app-context.js';
import { composeServices } from '../../src/app/compose-services.js';
import { loadEnv } from '../../src/config/env.js';
import type { Clock } from '../../src/core/ports/clock.js';
import type { ContractStoreDeps } from '../../src/core/services/contract-store-deps.js';
import { createLogger } from '../../src/infra/logger.js';
import { RecordingNotifier } from './recording-notifier.js';

/** The composition root's Services on a test database, with Slack and Teams messages going to a recording notifier. */
export async function jobsContext(
  db: { connection: Connection; store: ContractStoreDeps; clock: Clock },
  env: NodeJS.ProcessEnv = {},
): Promise<{ ctx: AppContext; recorder: RecordingNotifier }> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const recorder = new RecordingNotifier();
  const parsed = loadEnv({ PLAYGROUND: 'off', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env });
  const { ctx } = await composeServices({
    env: parsed,
    logger,
    clock: db.clock,
    connection: db.connection,
    store: db.store,
    chat: (router) => {
      router.register('slack', recorder);
      router.register('teams', recorder);
      return {};
    },
  });
  return { ctx, recorder };
}
