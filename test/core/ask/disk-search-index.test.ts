/**
 * CLAUSE_SEARCH_INDEX=disk through the composition root: the index built by one set of services is
 * persisted, and a second set on the same data directory (a restart, or another process) answers
 * from it without reading or re-indexing any document.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAskServices } from '../../../src/app/ask-services.js';
import { loadEnv } from '../../../src/config/env.js';
import { retrievePassages } from '../../../src/core/ask/retrieve-passages.js';
import { syncRetrievalIndex } from '../../../src/core/ask/sync-retrieval-index.js';
import type { ContractDocuments } from '../../../src/core/ports/contract-documents.js';
import { createLogger } from '../../../src/infra/logger.js';
import { MiniSearchClauseRetriever } from '../../../src/infra/retrieval/minisearch-retriever.js';
import { ShardedClauseRetriever } from '../../../src/infra/retrieval/sharded-retriever.js';
import { useTestDatabase } from '../../support/database.js';
import { ALICE, importText } from './ask-setup.js';
import { ACME_MSA } from './contract-texts.js';

const db = useTestDatabase('ask_disk_index');
const dataDir = mkdtempSync(path.join(tmpdir(), 'clause-data-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const env = loadEnv({
  COMPANY_NAME: 'Clause Demo Inc',
  LOG_LEVEL: 'silent',
  CLAUSE_DATA_DIR: dataDir,
  CLAUSE_SEARCH_INDEX: 'disk',
  CLAUSE_SEARCH_SHARDS: '4',
  CLAUSE_SEARCH_MEMORY_MB: '64',
});
const services = () => buildAskServices({ env, logger: createLogger('silent'), clock: db.clock, connection: db.connection, store: db.store });

it('persists the index and serves a restarted process from it without re-indexing', async () => {
  const first = await services();
  expect(first.ask.index.retriever).toBeInstanceOf(ShardedClauseRetriever);
  const acme = await importText(first, ALICE, ACME_MSA, 'acme-msa.txt');
  const before = await retrievePassages(first.ask, 'Which law governs the agreement?', [acme]);
  expect(before[0]!.text).toContain('laws of the State of New York');
  (first.ask.index.retriever as ShardedClauseRetriever).flush();
  const dir = path.join(dataDir, 'search-index', env.MONGODB_DB_NAME);
  expect(readdirSync(dir).filter((f) => f.endsWith('.meta.json'))).toHaveLength(1);

  const restarted = await services();
  expect(restarted.ask.index.indexed.get(acme.id)).toBe(first.ask.index.indexed.get(acme.id));
  let reads = 0;
  const counting: ContractDocuments = {
    ...restarted.ask.documents,
    stamps: (ids) => restarted.ask.documents.stamps(ids),
    allStamps: () => restarted.ask.documents.allStamps(),
    find: (id) => {
      reads++;
      return restarted.ask.documents.find(id);
    },
  };
  await syncRetrievalIndex({ documents: counting, index: restarted.ask.index }, 'all');
  expect(reads).toBe(0);
  const after = await retrievePassages(restarted.ask, 'Which law governs the agreement?', [acme]);
  expect(after).toEqual(before);
});

it('is the default, and falls back to an in-memory index (with a warn) when the data folder cannot be used', async () => {
  expect(loadEnv({}).CLAUSE_SEARCH_INDEX).toBe('disk');
  // A data "folder" that is a file: the index folder cannot be created under it.
  const notAFolder = path.join(dataDir, 'a-file');
  writeFileSync(notAFolder, 'not a folder');
  const lines: string[] = [];
  const sink = new Writable({
    write: (chunk, _enc, done) => {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('warn', sink);
  const fallback = await buildAskServices({
    env: loadEnv({ COMPANY_NAME: 'Clause Demo Inc', CLAUSE_DATA_DIR: notAFolder }),
    logger,
    clock: db.clock,
    connection: db.connection,
    store: db.store,
  });
  expect(fallback.ask.index.retriever).toBeInstanceOf(MiniSearchClauseRetriever);
  expect(lines.join('')).toContain('the search index folder cannot be used');
  const acme = await importText(fallback, ALICE, ACME_MSA, 'acme-msa-2.txt');
  const hits = await retrievePassages(fallback.ask, 'Which law governs the agreement?', [acme]);
  expect(hits[0]!.text).toContain('laws of the State of New York');
});
