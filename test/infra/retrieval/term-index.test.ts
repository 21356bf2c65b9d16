/**
 * The term index (a by-term snapshot of the persisted shards): a question over many shards answered
 * from it returns exactly the hits of searching every shard (CUAD sample, filtered and not), shards
 * changed after the snapshot are searched themselves (a changed, an added and a removed contract),
 * the access filter holds, and the snapshot is rebuilt in the background after changes.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readContracts, readQuestions, questionQuery } from '../../../src/cli/cuad/cuad-data.js';
import type { PassageHit } from '../../../src/core/ports/clause-retriever.js';
import { ShardedClauseRetriever, type ShardedRetrieverOptions } from '../../../src/infra/retrieval/sharded-retriever.js';
import { waitUntil } from '../../support/wait-bound.js';

const CANDIDATES = ['../shared/data/cuad-dev', '../../shared/data/cuad-dev'].map((p) => path.resolve(process.cwd(), p));
const DIR = CANDIDATES.find((d) => existsSync(path.join(d, 'qa.jsonl'))) ?? CANDIDATES[0]!;
const present = existsSync(path.join(DIR, 'qa.jsonl'));
if (!present) console.warn(`CUAD dev set not found at ${DIR}: skipping the CUAD term-index equivalence test`);
const maybe = present ? it : it.skip;

const dirs: string[] = [];
const opened: ShardedClauseRetriever[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'clause-terms-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const r of opened) r.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const retriever = (o: Partial<ShardedRetrieverOptions> & { dir: string; shards: number }) => {
  const r = new ShardedClauseRetriever({ maxResidentBytes: 2 ** 40, persistDelayMs: 0, ...o, termIndex: { rebuildAfterMs: 0, ...o.termIndex } });
  opened.push(r);
  return r;
};
/** Walks every shard: the reference. */
const walking = (dir: string, shards: number, cap = 2 ** 40) =>
  retriever({ dir, shards, maxResidentBytes: cap, termIndex: { minShards: Number.POSITIVE_INFINITY } });
/** Uses the term index for any question. */
const byTerms = (dir: string, shards: number) => retriever({ dir, shards, termIndex: { minShards: 1 } });

const LAW = 'This Agreement shall be governed by and construed in accordance with the laws of the State of New York.';
const contract = (n: number) =>
  `AGREEMENT ${n}\n\n1. PAYMENT\nCustomer shall pay invoice number ${n} within thirty days of receipt.\n\n2. GOVERNING LAW\n${LAW}\n\n3. INSURANCE\nSupplier ${n} shall maintain product liability insurance of not less than ${n} million pounds.`;

/** Equal hits, except that passages of exactly equal score may come in another order. */
function expectSameHits(actual: PassageHit[], expected: PassageHit[]): void {
  expect(actual.map((h) => h.score)).toEqual(expected.map((h) => h.score));
  const key = (h: PassageHit) => `${h.score}|${h.contractId}|${h.passageIndex}|${h.start}|${h.end}|${h.text}`;
  expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
}

describe('term index', () => {
  maybe('answers exactly as searching every shard does (CUAD sample: no filter, a filter over many contracts, one contract)', async () => {
    const contracts = (await readContracts(DIR)).filter((_, i) => i % 5 === 0); // 30 contracts
    const ids = contracts.map((c) => c.id);
    const questions = (await readQuestions(DIR)).filter((q) => ids.includes(q.contractId));
    const dir = tempDir();
    const SHARDS = 8;
    const builder = walking(dir, SHARDS);
    builder.index(contracts.map((c) => ({ contractId: c.id, text: c.text, version: 1 })));
    builder.flush();
    await builder.rebuildTermIndex();
    const reference = walking(dir, SHARDS, 1); // capped to one shard: every search reloads from disk
    const terms = byTerms(dir, SHARDS);
    const queries = [...new Set(questions.map(questionQuery))];
    expect(queries.length).toBeGreaterThan(35);
    const some = ids.filter((_, i) => i % 3 === 0);
    for (const [i, query] of queries.entries()) {
      expectSameHits(terms.search(query, { k: 8 }), reference.search(query, { k: 8 }));
      expectSameHits(terms.search(query, { contractIds: some, k: 8 }), reference.search(query, { contractIds: some, k: 8 }));
      const one = [ids[i % ids.length]!];
      expectSameHits(terms.search(query, { contractIds: one, k: 5 }), reference.search(query, { contractIds: one, k: 5 }));
    }
    for (const q of ['who are the parties', 'what is the governing law', 'notice period to terminate renewal', 'limitation of liability cap']) {
      expectSameHits(terms.search(q, { k: 10 }), reference.search(q, { k: 10 }));
    }
    expect(terms.termSearches).toBeGreaterThan(queries.length * 3);
    expect(terms.residentShards).toBe(0); // nothing was loaded: every shard is unchanged since the snapshot
  });

  it('searches shards changed after the snapshot themselves: a changed, an added and a removed contract', async () => {
    const dir = tempDir();
    const SHARDS = 6;
    const a = byTerms(dir, SHARDS);
    a.index(Array.from({ length: 30 }, (_, n) => ({ contractId: `c${n}`, text: contract(n), version: 1 })));
    a.flush();
    await a.rebuildTermIndex();
    expect(a.staleShards()).toBe(0);
    expect(new Set(a.search('insurance pounds', { k: 30 }).map((h) => h.contractId)).size).toBe(30);

    a.index([{ contractId: 'c4', text: contract(4).replace('million pounds', 'million euros'), version: 2 }]);
    a.index([{ contractId: 'c30', text: contract(30), version: 1 }]);
    a.remove('c7');
    // Unflushed (resident, dirty) and then flushed (file changed): both searched from the shard itself.
    for (const step of ['dirty', 'flushed'] as const) {
      if (step === 'flushed') a.flush();
      const hits = a.search('insurance euros', { k: 40 });
      expect(hits.find((h) => h.contractId === 'c4')?.text).toContain('million euros');
      expect(hits.filter((h) => h.contractId === 'c4')).toHaveLength(1); // the old version's passage is gone
      expect(hits.some((h) => h.contractId === 'c30')).toBe(true);
      expect(hits.some((h) => h.contractId === 'c7')).toBe(false);
    }
    expect(a.staleShards()).toBeGreaterThan(0);
    // Another process on the same folder sees the same, and the same as walking every shard.
    const b = byTerms(dir, SHARDS);
    expectSameHits(b.search('insurance euros', { k: 40 }), walking(dir, SHARDS).search('insurance euros', { k: 40 }));
    await b.rebuildTermIndex();
    expect(a.staleShards()).toBe(0);
    expectSameHits(a.search('insurance euros', { k: 40 }), walking(dir, SHARDS).search('insurance euros', { k: 40 }));
    expect(readdirSync(path.join(dir, 'terms')).filter((f) => f.startsWith('snap-'))).toHaveLength(1); // the old snapshot is gone
  });

  it('never returns a passage outside the allowed contracts', async () => {
    const dir = tempDir();
    const r = byTerms(dir, 4);
    r.index(Array.from({ length: 20 }, (_, n) => ({ contractId: `c${n}`, text: contract(n), version: 1 })));
    r.flush();
    await r.rebuildTermIndex();
    const allowed = ['c1', 'c5', 'c9', 'c13'];
    const hits = r.search('insurance governing law payment invoice', { contractIds: allowed, k: 50 });
    expect(hits).toHaveLength(4); // a short contract is one passage
    expect(new Set(hits.map((h) => h.contractId))).toEqual(new Set(allowed));
    expect(r.search('insurance', { contractIds: ['nobody'], k: 5 })).toEqual([]);
    expect(r.search('insurance', { contractIds: [], k: 5 })).toEqual([]);
  });

  it('builds the snapshot in the background after changes, and answers by walking until then', async () => {
    const dir = tempDir();
    const built: number[] = [];
    const r = retriever({ dir, shards: 4, termIndex: { minShards: 1, rebuildAfterMs: 20 }, onTermIndexBuilt: (i) => built.push(i.passages) });
    r.index(Array.from({ length: 12 }, (_, n) => ({ contractId: `c${n}`, text: contract(n), version: 1 })));
    expect(r.search('insurance pounds', { k: 12 })).toHaveLength(12); // no snapshot yet: the shards are walked
    expect(r.termSearches).toBe(0);
    r.flush();
    await waitUntil(() => built.length > 0, 5_000, 'the background term-index build');
    expect(built[0]).toBe(12);
    expect(r.search('insurance pounds', { k: 12 })).toHaveLength(12);
    expect(r.termSearches).toBe(1);
  });

  it('answers by walking the shards when the snapshot cannot be read, warns once, and a rebuild replaces it', async () => {
    const dir = tempDir();
    const errors: string[] = [];
    const r = retriever({ dir, shards: 4, termIndex: { minShards: 1 }, onError: (_e, what) => errors.push(what) });
    r.index(Array.from({ length: 12 }, (_, n) => ({ contractId: `c${n}`, text: contract(n), version: 1 })));
    r.flush();
    await r.rebuildTermIndex();
    const current = readFileSync(path.join(dir, 'terms', 'CURRENT'), 'utf8').trim();
    writeFileSync(path.join(dir, 'terms', current, 'meta.json'), '{"format": "clause-terms-0"');
    const fresh = retriever({ dir, shards: 4, termIndex: { minShards: 1 }, onError: (_e, what) => errors.push(what) });
    for (let i = 0; i < 3; i++) expect(fresh.search('insurance pounds', { k: 12 })).toHaveLength(12);
    expect(fresh.termSearches).toBe(0);
    expect(errors).toEqual(['opening the term index']);
    await fresh.rebuildTermIndex();
    expect(fresh.search('insurance pounds', { k: 12 })).toHaveLength(12);
    expect(fresh.termSearches).toBe(1);
  });
});
