/**
 * npm run bench:retrieval [-- --contracts 10000 --queries 300]
 * Builds the clause-retrieval index over 10,000 contracts synthesised from the CUAD dev texts
 * (cycled, each copy with its own id and a distinct first line), then times queries with and
 * without an access filter (contractIds). Prints build time, memory and latency percentiles.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MiniSearchClauseRetriever } from '../src/infra/retrieval/minisearch-retriever.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const CONTRACTS = flag('contracts', 10_000);
const QUERIES = flag('queries', 300);
// Unfiltered and wide-filter queries score every shard; fewer of them keep the run to minutes.
const HEAVY_QUERIES = flag('heavy-queries', 20);
const dir = path.resolve(process.cwd(), '../shared/data/cuad-dev');

const sources = readdirSync(path.join(dir, 'contracts'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(path.join(dir, 'contracts', f), 'utf8'));
const questions = readFileSync(path.join(dir, 'qa.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { category: string; question: string });
const queryTexts = [...new Set(questions.map((q) => `${q.category}. ${q.question.split('Details:')[1]?.trim() ?? ''}`))];

// A deterministic pseudo-random sequence so runs are comparable.
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const before = process.memoryUsage();
const retriever = new MiniSearchClauseRetriever();
const buildStart = performance.now();
const BATCH = 500;
for (let i = 0; i < CONTRACTS; i += BATCH) {
  const batch = [];
  for (let j = i; j < Math.min(CONTRACTS, i + BATCH); j++) {
    batch.push({ contractId: `c${j}`, text: `Contract copy ${j} of synthetic corpus\n\n${sources[j % sources.length]!}` });
  }
  retriever.index(batch);
}
const buildMs = performance.now() - buildStart;
global.gc?.();
const after = process.memoryUsage();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function timeQueries(label: string, count: number, pick: () => string[] | undefined): void {
  const times: number[] = [];
  let returned = 0;
  for (let i = 0; i < count; i++) {
    const query = queryTexts[i % queryTexts.length]!;
    const contractIds = pick();
    const t = performance.now();
    const hits = retriever.search(query, { k: 5, ...(contractIds ? { contractIds } : {}) });
    times.push(performance.now() - t);
    returned += hits.length;
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  max ${times[times.length - 1]!.toFixed(1)} ms  (${count} queries, ${(returned / count).toFixed(1)} hits avg)`,
  );
}

const randomIds = (n: number) => Array.from({ length: n }, () => `c${Math.floor(rand() * CONTRACTS)}`);

console.log(`contracts ${CONTRACTS}  passages ${retriever.passageCount}  source texts ${sources.length}`);
console.log(`index build ${(buildMs / 1000).toFixed(1)} s (${((CONTRACTS / buildMs) * 1000).toFixed(0)} contracts/s)`);
console.log(`heap used ${mb(after.heapUsed)} (+${mb(after.heapUsed - before.heapUsed)})  rss ${mb(after.rss)}`);
timeQueries('contractIds: 1 contract', QUERIES, () => randomIds(1));
timeQueries('contractIds: 20 contracts', QUERIES, () => randomIds(20));
timeQueries('contractIds: 500 contracts', HEAVY_QUERIES, () => randomIds(500));
timeQueries('no filter (all contracts)', HEAVY_QUERIES, () => undefined);
