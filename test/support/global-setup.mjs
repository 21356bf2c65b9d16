// Jest loads globalSetup outside its ESM transform, so this file is plain ESM and loads the
// TypeScript provisioning code through tsx.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

/**
 * One MongoDB-wire server for the whole run (MONGODB_URI, a mongod, or FerretDB built once);
 * every test file then works in a database of its own on it (see database.ts).
 */
export default async function globalSetup() {
  const { provisionDatabase } = await tsImport('../../src/infra/mongo/provision/provision-database.ts', import.meta.url);
  const print = (level) => (obj, msg) => console[level]('[db]', msg ?? '', typeof obj === 'string' ? obj : JSON.stringify(obj));
  const db = await provisionDatabase({
    uri: process.env.MONGODB_URI,
    cacheDir: process.env.CLAUSE_CACHE_DIR ?? join(homedir(), '.cache', 'clause'),
    logger: { info: print('log'), warn: print('warn') },
  });
  process.env.CLAUSE_TEST_MONGODB_URI = db.uri;
  process.env.CLAUSE_TEST_DATABASE_KIND = db.kind;
  globalThis.__clauseTestDatabase = db;
  console.log(`\n[db] tests use ${db.description}`);
}
