/**
 * The persisted sharded clause index: the same hits as the in-memory retriever over the same
 * contracts (CUAD sample), no rebuild after a restart, a resident cap that drops and reloads shards,
 * and a shard written by another process picked up on the next use.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readContracts, readQuestions, questionQuery } from '../../../src/cli/cuad/cuad-data.js';
import { MiniSearchClauseRetriever } from '../../../src/infra/retrieval/minisearch-retriever.js';
import { shardOfContract, ShardedClauseRetriever } from '../../../src/infra/retrieval/sharded-retriever.js';

const CANDIDATES = ['../shared/data/cuad-dev', '../../shared/data/cuad-dev'].map((p) => path.resolve(process.cwd(), p));
const DIR = CANDIDATES.find((d) => existsSync(path.join(d, 'qa.jsonl'))) ?? CANDIDATES[0]!;
const present = existsSync(path.join(DIR, 'qa.jsonl'));
if (!present) console.warn(`CUAD dev set not found at ${DIR}: skipping the CUAD equivalence test`);
const maybe = present ? it : it.skip;

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'clause-shards-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const LAW = 'This Agreement shall be governed by and construed in accordance with the laws of the State of New York.';
const contract = (n: number) =>
  `AGREEMENT ${n}\n\n1. PAYMENT\nCustomer shall pay invoice number ${n} within thirty days of receipt.\n\n2. GOVERNING LAW\n${LAW}\n\n3. INSURANCE\nSupplier ${n} shall maintain product liability insurance of not less than ${n} million pounds.`;

describe('ShardedClauseRetriever', () => {
  maybe('returns the same hits as the in-memory retriever over each shard, after persisting, evicting and reloading', async () => {
    // Every 10th CUAD dev contract (15), 4 shards, a cap below one shard: each question reloads from disk.
    const contracts = (await readContracts(DIR)).filter((_, i) => i % 10 === 0);
    const ids = new Set(contracts.map((c) => c.id));
    const questions = (await readQuestions(DIR)).filter((q) => ids.has(q.contractId));
    const SHARDS = 4;
    const dir = tempDir();
    const builder = new ShardedClauseRetriever({ dir, shards: SHARDS, maxResidentBytes: 1, persistDelayMs: 0 });
    builder.index(contracts.map((c) => ({ contractId: c.id, text: c.text, version: 1 })));
    builder.flush();
    const sharded = new ShardedClauseRetriever({ dir, shards: SHARDS, maxResidentBytes: 1, persistDelayMs: 0 });
    // The reference: one in-memory MiniSearch per shard, fed the shard's contracts in the same order.
    const reference = new Map<number, MiniSearchClauseRetriever>();
    for (const c of contracts) {
      const no = shardOfContract(c.id, SHARDS);
      if (!reference.has(no)) reference.set(no, new MiniSearchClauseRetriever({ shardSize: 1_000 }));
      reference.get(no)!.index([{ contractId: c.id, text: c.text }]);
    }
    expect(reference.size).toBeGreaterThan(1);
    expect(questions.length).toBeGreaterThan(100);
    for (const q of questions) {
      const options = { contractIds: [q.contractId], k: 5 };
      const expected = reference.get(shardOfContract(q.contractId, SHARDS))!.search(questionQuery(q), options);
      expect(sharded.search(questionQuery(q), options)).toEqual(expected);
    }
    expect(sharded.evictions).toBeGreaterThan(3);
    // Across shards (no filter, and a filter spanning shards): the same as a freshly built uncapped index.
    const fresh = new ShardedClauseRetriever({ dir: tempDir(), shards: SHARDS, maxResidentBytes: 2 ** 40, persistDelayMs: 0 });
    fresh.index(contracts.map((c) => ({ contractId: c.id, text: c.text, version: 1 })));
    for (const q of questions.slice(0, 40)) {
      expect(sharded.search(questionQuery(q), { k: 8 })).toEqual(fresh.search(questionQuery(q), { k: 8 }));
      const some = contracts.slice(0, 6).map((c) => c.id);
      expect(sharded.search(questionQuery(q), { contractIds: some, k: 8 })).toEqual(fresh.search(questionQuery(q), { contractIds: some, k: 8 }));
    }
  });

  it('starts from the persisted shards without rebuilding them, and rebuilds only a changed contract', () => {
    const dir = tempDir();
    const first = new ShardedClauseRetriever({ dir, shards: 3, maxResidentBytes: 2 ** 30, persistDelayMs: 0 });
    first.index(Array.from({ length: 9 }, (_, n) => ({ contractId: `c${n}`, text: contract(n), version: 1 })));
    first.flush();
    const files = () => Object.fromEntries(readdirSync(dir).map((f) => [f, statSync(path.join(dir, f)).mtimeMs]));
    const written = files();
    expect(Object.keys(written).length).toBe(6); // 3 shards, each an index file and a meta file

    const restarted = new ShardedClauseRetriever({ dir, shards: 3, maxResidentBytes: 2 ** 30, persistDelayMs: 0 });
    expect(new Map(restarted.versions())).toEqual(new Map(Array.from({ length: 9 }, (_, n) => [`c${n}`, 1])));
    expect(restarted.residentShards).toBe(0); // nothing loaded until a question needs it
    // Re-indexing at the same versions (what the start-up sync would do) changes nothing.
    restarted.index(Array.from({ length: 9 }, (_, n) => ({ contractId: `c${n}`, text: contract(n), version: 1 })));
    restarted.flush();
    expect(files()).toEqual(written);
    expect(restarted.search('insurance pounds', { contractIds: ['c4'], k: 1 })[0]!.text).toContain('Supplier 4 shall maintain');

    restarted.index([{ contractId: 'c4', text: contract(44), version: 2 }]);
    restarted.flush();
    const after = files();
    const changed = Object.keys(after).filter((f) => after[f] !== written[f]);
    const shard = String(shardOfContract('c4', 3)).padStart(4, '0');
    expect(changed.sort()).toEqual([`shard-${shard}.json`, `shard-${shard}.meta.json`]);
    expect(restarted.search('insurance pounds', { contractIds: ['c4'], k: 1 })[0]!.text).toContain('Supplier 44 shall maintain');
  });

  it('keeps the resident estimate under the cap by dropping the least recently used shards', () => {
    const dir = tempDir();
    const r = new ShardedClauseRetriever({ dir, shards: 8, maxResidentBytes: 2 ** 30, persistDelayMs: 0 });
    r.index(Array.from({ length: 40 }, (_, n) => ({ contractId: `c${n}`, text: contract(n), version: 1 })));
    r.flush();
    const all = r.residentEstimateBytes;
    const capped = new ShardedClauseRetriever({ dir, shards: 8, maxResidentBytes: Math.ceil(all / 3), persistDelayMs: 0 });
    for (let n = 0; n < 40; n++) {
      const hits = capped.search('insurance pounds', { contractIds: [`c${n}`], k: 1 });
      expect(hits[0]!.text).toContain(`Supplier ${n} shall maintain`);
      expect(capped.residentEstimateBytes).toBeLessThanOrEqual(Math.ceil(all / 3));
    }
    expect(capped.evictions).toBeGreaterThan(0);
    expect(capped.residentShards).toBeLessThan(8);
    expect(new Set(capped.search('insurance pounds', { k: 40 }).map((h) => h.contractId)).size).toBe(40);
  });

  it('picks up a shard another process wrote, and ignores a shard of another format', () => {
    const dir = tempDir();
    const a = new ShardedClauseRetriever({ dir, shards: 1, maxResidentBytes: 2 ** 30, persistDelayMs: 0 });
    a.index([{ contractId: 'c1', text: contract(1), version: 1 }]);
    a.flush();
    expect(a.search('insurance pounds', { contractIds: ['c2'], k: 1 })).toEqual([]);
    const b = new ShardedClauseRetriever({ dir, shards: 1, maxResidentBytes: 2 ** 30, persistDelayMs: 0 });
    b.index([{ contractId: 'c2', text: contract(2), version: 1 }]);
    b.flush();
    expect(a.search('insurance pounds', { contractIds: ['c2'], k: 1 })[0]!.text).toContain('Supplier 2 shall maintain');
    expect(a.versions().get('c2')).toBe(1);

    // Both write the shard at once: the last write wins, and the loser notices on its next use that
    // the file lacks its contract, forgets it, so the next sync indexes it again.
    a.index([{ contractId: 'c3', text: contract(3), version: 1 }]);
    b.index([{ contractId: 'c4', text: contract(4), version: 1 }]);
    b.flush();
    a.flush();
    expect(b.search('insurance pounds', { contractIds: ['c4'], k: 1 })).toEqual([]);
    expect(b.versions().has('c4')).toBe(false);
    b.index([{ contractId: 'c4', text: contract(4), version: 1 }]);
    b.flush();
    for (const n of [1, 2, 3, 4]) expect(a.search('insurance pounds', { contractIds: [`c${n}`], k: 1 })[0]!.text).toContain(`Supplier ${n} shall maintain`);

    const errors: string[] = [];
    writeFileSync(path.join(dir, 'shard-0000.json'), JSON.stringify({ format: 'clause-shard-0', contracts: [] }));
    const c = new ShardedClauseRetriever({ dir, shards: 1, maxResidentBytes: 2 ** 30, persistDelayMs: 0, onError: (_e, what) => errors.push(what) });
    expect(c.search('insurance pounds', { contractIds: ['c2'], k: 1 })).toEqual([]);
    expect(errors).toEqual(['loading search shard 0']);
    // Its contracts are forgotten, so the next sync indexes them again.
    expect(c.versions().has('c1')).toBe(false);
  });
});
