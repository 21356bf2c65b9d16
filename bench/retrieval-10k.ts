/**
 * npm run bench:retrieval [-- --contracts 10000 --queries 300]
 * Builds the clause-retrieval index over 10,000 contracts synthesised from the CUAD dev texts
 * (cycled, each copy with its own id and a distinct first line), then times queries with and
 * without an access filter (contractIds). Prints build time, memory and latency percentiles.
 *
 * --sharded [--working-set 200 --shards 64 --cap-mb 768 --dir /tmp/clause-search-bench]: the persisted sharded index
 * (CLAUSE_SEARCH_INDEX=disk). Builds and persists the shards when the folder holds none (or with
 * --rebuild), then starts a fresh retriever on the folder (cold start, no rebuild) and times the
 * same queries with resident memory capped; prints the persisted size and the resident estimate.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { MiniSearchClauseRetriever } from '../src/infra/retrieval/minisearch-retriever.js';
import { shardOfContract, ShardedClauseRetriever } from '../src/infra/retrieval/sharded-retriever.js';
import type { ClauseRetriever } from '../src/core/ports/clause-retriever.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const CONTRACTS = flag('contracts', 10_000);
const QUERIES = flag('queries', 300);
// Unfiltered and wide-filter queries score every shard; fewer of them keep the run to minutes.
const HEAVY_QUERIES = flag('heavy-queries', 20);
// shared/ sits beside the repository (the main checkout) or beside the worktrees folder (a worktree).
const dir =
  ['../shared/data/cuad-dev', '../../shared/data/cuad-dev'].map((p) => path.resolve(process.cwd(), p)).find((d) => existsSync(path.join(d, 'qa.jsonl'))) ??
  path.resolve(process.cwd(), '../shared/data/cuad-dev');

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
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const SHARDED = args.includes('--sharded');
const SHARDS = flag('shards', 64);
const CAP_MB = flag('cap-mb', 768);
const DIR = (() => {
  const i = args.indexOf('--dir');
  return i === -1 ? '/tmp/clause-search-bench' : args[i + 1]!;
})();
const contractText = (j: number) => ({ contractId: `c${j}`, text: `Contract copy ${j} of synthetic corpus\n\n${sources[j % sources.length]!}`, version: 1 });
let retriever: ClauseRetriever;
let passageCount = 0;
let buildMs = 0;
global.gc?.();
let before = process.memoryUsage();
if (!SHARDED) {
  const memory = new MiniSearchClauseRetriever();
  const buildStart = performance.now();
  const BATCH = 500;
  for (let i = 0; i < CONTRACTS; i += BATCH) {
    const batch = [];
    for (let j = i; j < Math.min(CONTRACTS, i + BATCH); j++) batch.push(contractText(j));
    memory.index(batch);
  }
  buildMs = performance.now() - buildStart;
  passageCount = memory.passageCount;
  retriever = memory;
} else {
  const TERMS = !args.includes('--no-term-index');
  const settings = {
    dir: DIR,
    shards: SHARDS,
    maxResidentBytes: CAP_MB * 1024 * 1024,
    persistDelayMs: 0,
    termIndex: { rebuildAfterMs: 0, minShards: TERMS ? flag('term-min-shards', 16) : Number.POSITIVE_INFINITY },
  };
  if (args.includes('--rebuild')) rmSync(DIR, { recursive: true, force: true });
  let builder: ShardedClauseRetriever | undefined = new ShardedClauseRetriever(settings);
  if (builder.versions().size < CONTRACTS) {
    // Built shard by shard, so each is written once when the cap pushes it out (no reload churn).
    const order = Array.from({ length: CONTRACTS }, (_, j) => j).sort((a, b) => shardOfContract(`c${a}`, SHARDS) - shardOfContract(`c${b}`, SHARDS) || a - b);
    const buildStart = performance.now();
    for (const j of order) builder.index([contractText(j)]);
    builder.flush();
    buildMs = performance.now() - buildStart;
    console.log(`built and persisted ${CONTRACTS} contracts in ${SHARDS} shards: ${(buildMs / 1000).toFixed(1)} s`);
  } else console.log(`shards already persisted in ${DIR}: no build (pass --rebuild to rebuild)`);
  if (TERMS && builder.staleShards() > 0) {
    // The term index: a by-term snapshot of the persisted shards (what a service builds in the background after changes).
    const t = performance.now();
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 100);
    await builder.rebuildTermIndex();
    clearInterval(sampler);
    const termBytes = readdirSync(path.join(DIR, 'terms'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .reduce((n, e) => n + statSync(path.join(e.parentPath, e.name)).size, 0);
    console.log(
      `term index built from the persisted shards: ${((performance.now() - t) / 1000).toFixed(1)} s, ${mb(termBytes)} on disk, heap peak while building ${mb(peak)}`,
    );
  } else if (TERMS) console.log('term index already current: no build');
  builder.close();
  builder = undefined; // the cold start below must not count the builder's shards
  const persisted = readdirSync(DIR).reduce((n, f) => n + (statSync(`${DIR}/${f}`).isFile() ? statSync(`${DIR}/${f}`).size : 0), 0);
  console.log(`persisted size ${mb(persisted)} in ${DIR}`);
  global.gc?.();
  before = process.memoryUsage();
  const startT = performance.now();
  const sharded = new ShardedClauseRetriever(settings);
  console.log(`cold start (read shard metas, no rebuild) ${(performance.now() - startT).toFixed(0)} ms, ${sharded.versions().size} contracts known`);
  const loadT = performance.now();
  sharded.search('governing law', { k: 5, contractIds: ['c0'] });
  console.log(`first filtered question (loads one shard) ${(performance.now() - loadT).toFixed(0)} ms`);
  if (TERMS) {
    const t = performance.now();
    sharded.search('governing law', { k: 5 });
    console.log(`first unfiltered question (opens the term index) ${(performance.now() - t).toFixed(0)} ms`);
  }
  retriever = sharded;
  passageCount = NaN;
}
global.gc?.();
const after = process.memoryUsage();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function timeQueries(label: string, count: number, pick: () => string[] | undefined): void {
  if (count <= 0) return;
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

console.log(`contracts ${CONTRACTS}  passages ${passageCount}  source texts ${sources.length}`);
if (!SHARDED) console.log(`index build ${(buildMs / 1000).toFixed(1)} s (${((CONTRACTS / buildMs) * 1000).toFixed(0)} contracts/s)`);
console.log(`heap used ${mb(after.heapUsed)} (+${mb(after.heapUsed - before.heapUsed)})  rss ${mb(after.rss)}`);
const residentLine = () => {
  if (!(retriever instanceof ShardedClauseRetriever)) return;
  global.gc?.();
  const m = process.memoryUsage();
  console.log(
    `  resident: ${retriever.residentShards} shards + term index, estimate ${mb(retriever.residentEstimateBytes)} (cap ${CAP_MB} MB); heap used ${mb(m.heapUsed)} (+${mb(m.heapUsed - before.heapUsed)}), rss ${mb(m.rss)}; loads ${retriever.loads}, evictions ${retriever.evictions}, term-index searches ${retriever.termSearches}`,
  );
};
timeQueries('contractIds: 1 contract', QUERIES, () => randomIds(1));
residentLine();
timeQueries('contractIds: 1 contract (again)', QUERIES, () => randomIds(1));
residentLine();
// People ask about their own contracts: a working set of WORKING contracts, timed on its second pass.
const WORKING = flag('working-set', 200);
const working = randomIds(WORKING);
let w = 0;
for (const id of working) retriever.search(queryTexts[0]!, { k: 5, contractIds: [id] });
timeQueries(`contractIds: 1 of ${WORKING} in use`, QUERIES, () => [working[w++ % WORKING]!]);
residentLine();
timeQueries('contractIds: 20 contracts', flag('wide-queries', QUERIES), () => randomIds(20));
residentLine();
timeQueries('contractIds: 500 contracts', HEAVY_QUERIES, () => randomIds(500));
residentLine();
timeQueries('no filter (all contracts)', HEAVY_QUERIES, () => undefined);
residentLine();
// An admin's question: Ask passes every contract the asker may see, here all of them.
const everyone = Array.from({ length: CONTRACTS }, (_, j) => `c${j}`);
timeQueries('contractIds: all (an admin)', HEAVY_QUERIES, () => everyone);
residentLine();
