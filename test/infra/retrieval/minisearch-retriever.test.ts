import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ClauseRetriever } from '../../../src/core/ports/clause-retriever.js';
import { MiniSearchClauseRetriever } from '../../../src/infra/retrieval/minisearch-retriever.js';
import { ShardedClauseRetriever } from '../../../src/infra/retrieval/sharded-retriever.js';
import { expandLegalQuery } from '../../../src/infra/retrieval/legal-query-expansion.js';

const LAW_A = 'This Agreement shall be governed by and construed in accordance with the laws of the State of New York.';
const CONTRACT_A = `SERVICES AGREEMENT\n\n1. PAYMENT\nCustomer shall pay all invoices within thirty days of receipt, in US dollars, by wire transfer.\n\n2. GOVERNING LAW\n${LAW_A}\n\n3. TERM\nThis Agreement renews automatically for successive one year periods unless either party gives ninety days prior written notice of non-renewal.`;
const CONTRACT_B = `SUPPLY AGREEMENT\n\n1. DELIVERY\nSupplier shall deliver the goods to the Buyer's warehouse within ten business days of each order.\n\n2. APPLICABLE LAW\nThis Agreement shall be governed by and construed in accordance with the laws of England and Wales.\n\n3. INSURANCE\nSupplier shall maintain product liability insurance of not less than five million pounds.`;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// The persisted sharded index must behave as the in-memory one: the same tests run on both (the
// sharded one with a 1-byte cap, so every shard is written, dropped and reloaded between uses).
const factories: Array<[string, () => ClauseRetriever]> = [
  [
    'MiniSearchClauseRetriever',
    () =>
      new MiniSearchClauseRetriever({
        segment: { minChars: 20 },
        shardSize: 1,
      }),
  ],
  [
    'ShardedClauseRetriever (persisted, capped)',
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'clause-shards-'));
      dirs.push(dir);
      return new ShardedClauseRetriever({
        segment: { minChars: 20 },
        dir,
        shards: 2,
        maxResidentBytes: 1,
        persistDelayMs: 0,
      });
    },
  ],
];

describe.each(factories)('%s', (_name, make) => {
  function retriever() {
    const r = make();
    r.index([
      { contractId: 'A', text: CONTRACT_A },
      { contractId: 'B', text: CONTRACT_B },
    ]);
    return r;
  }

  it('finds the governing law clause through legal query expansion', () => {
    const hits = retriever().search('which law governs?', {
      contractIds: ['A'],
      k: 1,
    });
    expect(hits).toHaveLength(1);
    expect(hits[0]!.text).toContain(LAW_A);
    expect(CONTRACT_A.slice(hits[0]!.start, hits[0]!.end)).toBe(hits[0]!.text);
  });

  it('never returns a passage of a contract outside contractIds', () => {
    const r = retriever();
    for (const query of ['governing law', 'insurance', 'delivery of goods', 'notice period', 'England and Wales']) {
      const hits = r.search(query, { contractIds: ['A'], k: 10 });
      expect(hits.every((h) => h.contractId === 'A')).toBe(true);
    }
    // The best match for this query is in B; with only A allowed it must not leak.
    expect(
      r
        .search('product liability insurance pounds', {
          contractIds: ['A'],
          k: 10,
        })
        .some((h) => h.text.includes('insurance')),
    ).toBe(false);
    expect(
      r.search('product liability insurance pounds', {
        contractIds: ['B'],
        k: 1,
      })[0]!.text,
    ).toContain('insurance');
  });

  it('returns nothing for an empty allow-list, and searches everything without one', () => {
    const r = retriever();
    expect(r.search('governing law', { contractIds: [], k: 5 })).toEqual([]);
    const ids = new Set(r.search('governed construed laws', { k: 10 }).map((h) => h.contractId));
    expect(ids).toEqual(new Set(['A', 'B']));
  });

  it('finds the notice period by its contract phrasing', () => {
    const hits = retriever().search('notice period to terminate renewal', {
      contractIds: ['A', 'B'],
      k: 1,
    });
    expect(hits[0]!.contractId).toBe('A');
    expect(hits[0]!.text).toContain('ninety days prior written notice');
  });

  it('forgets a removed contract', () => {
    const r = retriever();
    r.remove('B');
    expect(r.search('insurance', { k: 5 }).some((h) => h.contractId === 'B')).toBe(false);
  });
});

describe('expandLegalQuery', () => {
  it('adds contract phrasing for plain-language questions', () => {
    expect(expandLegalQuery('notice period').text).toMatch(/prior written notice/);
    expect(expandLegalQuery('governing law').text).toMatch(/construed/);
    expect(expandLegalQuery('who are the parties').opening).toBe(true);
  });
});
