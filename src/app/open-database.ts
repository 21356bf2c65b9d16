import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Connection } from 'mongoose';
import type { Env } from '../config/env.js';
import type { Clock } from '../core/ports/clock.js';
import type { ContractStoreDeps } from '../core/services/contract-store-deps.js';
import type { Logger } from '../infra/logger.js';
import { redactUri } from '../infra/logger.js';
import { connectDatabase } from '../infra/mongo/connect-database.js';
import { createMongoStore } from '../infra/mongo/mongo-store.js';
import { provisionDatabase, type ProvisionedDatabase } from '../infra/mongo/provision/provision-database.js';
import { openWebhooks, withWebhookEvents, type WebhookServices } from './open-webhooks.js';

export interface OpenDatabase {
  database: ProvisionedDatabase;
  connection: Connection;
  store: ContractStoreDeps;
  /** Outbound webhooks (README "Webhooks"): the store above publishes to them. */
  webhooks: WebhookServices;
  close(): Promise<void>;
}

/** Resolves the database the way `npm start` does (see provisionDatabase) and opens the store. */
export async function openDatabase(env: Env, logger: Logger, clock: Clock, given?: ProvisionedDatabase): Promise<OpenDatabase> {
  const database =
    given ??
    (await provisionDatabase({
      uri: env.MONGODB_URI,
      dataDir: resolve(env.CLAUSE_DATA_DIR),
      cacheDir: env.CLAUSE_CACHE_DIR ?? join(homedir(), '.cache', 'clause'),
      logger,
    }));
  logger.info(
    { database: database.kind, uri: redactUri(database.uri), dbName: env.MONGODB_DB_NAME },
    `using ${database.description}, database "${env.MONGODB_DB_NAME}"` +
      (database.kind === 'uri' ? '' : '; set MONGODB_URI=mongodb://… (or an Atlas mongodb+srv:// URI) to use a real MongoDB'),
  );
  const connection = await connectDatabase(database.uri, env.MONGODB_DB_NAME);
  // Contract moves, renewal nudges and obligations due go out as webhooks (README "Webhooks").
  const webhooks = await openWebhooks({ env, logger, clock, connection });
  const store = withWebhookEvents(await createMongoStore(connection, clock), webhooks.publisher);
  return {
    database,
    connection,
    store,
    webhooks,
    close: async () => {
      await connection.close().catch(() => undefined);
      if (!given) await database.stop();
    },
  };
}
