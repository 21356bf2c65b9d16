import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../../src/infra/mongo/connect-database.js';
import { createMongoStore } from '../../src/infra/mongo/mongo-store.js';
import { ManualClock, type Clock } from '../../src/core/ports/clock.js';
import type { ContractStoreDeps } from '../../src/core/services/contract-store-deps.js';

export function testMongoUri(): string {
  const uri = process.env.CLAUSE_TEST_MONGODB_URI;
  if (!uri) throw new Error('CLAUSE_TEST_MONGODB_URI is not set: the jest globalSetup provisions it');
  return uri;
}

/** A database name no other test file uses. */
export function uniqueDbName(label = 'test'): string {
  const safe = label
    .replace(/[^a-z0-9]/gi, '_')
    .slice(0, 20)
    .toLowerCase();
  return `clause_${safe}_${randomBytes(4).toString('hex')}`;
}

export interface TestDatabase {
  readonly connection: Connection;
  readonly store: ContractStoreDeps;
  readonly clock: ManualClock;
  readonly dbName: string;
  readonly uri: string;
}

/**
 * Gives the calling test file its own database on the shared server, with the contract store on
 * a ManualClock; drops it after the file's tests.
 */
export function useTestDatabase(label = 'test', start = '2026-03-01T09:00:00Z'): TestDatabase {
  const state: { -readonly [K in keyof TestDatabase]?: TestDatabase[K] } & { clock: ManualClock } = { clock: new ManualClock(start) };
  beforeAll(async () => {
    state.uri = testMongoUri();
    state.dbName = uniqueDbName(label);
    state.connection = await connectDatabase(state.uri, state.dbName);
    state.store = await createMongoStore(state.connection, state.clock as Clock);
  });
  afterAll(async () => {
    if (state.connection) {
      await state.connection.dropDatabase().catch(() => undefined);
      await state.connection.close();
    }
  });
  return state as TestDatabase;
}
