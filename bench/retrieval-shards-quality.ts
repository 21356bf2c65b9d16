/**
 * npm run bench:retrieval:quality [-- DIR]
 * CUAD dev retrieval recall@1/@5 (every question within its own contract, as score:cuad) of the
 * in-memory index (64 contracts per shard in insertion order) and of the persisted index at several
 * shard counts: BM25 statistics are per shard, so the shard count can move the ranking.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readContracts, readQuestions, questionQuery } from '../src/cli/cuad/cuad-data.js';
import { scoreRetrieval } from '../src/cli/cuad/score-retrieval.js';
import type { ClauseRetriever } from '../src/core/ports/clause-retriever.js';
import { MiniSearchClauseRetriever } from '../src/infra/retrieval/minisearch-retriever.js';
import { ShardedClauseRetriever } from '../src/infra/retrieval/sharded-retriever.js';

const dir =
  process.argv[2] ??
  ['../shared/data/cuad-dev', '../../shared/data/cuad-dev'].map((p) => path.resolve(process.cwd(), p)).find((d) => existsSync(path.join(d, 'qa.jsonl'))) ??
  '../shared/data/cuad-dev';
const contracts = await readContracts(dir);
const questions = await readQuestions(dir);

function score(label: string, r: ClauseRetriever): void {
  r.index(contracts.map((c) => ({ contractId: c.id, text: c.text })));
  const s = scoreRetrieval(
    questions.map((q) => ({ id: q.id, passages: r.search(questionQuery(q), { contractIds: [q.contractId], k: 5 }) })),
    questions,
  );
  console.log(`${label.padEnd(40)} recall@1 ${(s.recallAt1 * 100).toFixed(1)}%  recall@5 ${(s.recallAt5 * 100).toFixed(1)}%  (${s.questions} questions)`);
}

score('memory (64 per shard, insertion order)', new MiniSearchClauseRetriever());
for (const shards of [1, 4, 16, 64, 256, 1024]) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'clause-quality-'));
  score(`disk, ${shards} shards`, new ShardedClauseRetriever({ dir: tmp, shards, maxResidentBytes: 2 ** 40, persistDelayMs: 0 }));
  rmSync(tmp, { recursive: true, force: true });
}
