import MiniSearch from 'minisearch';
import { clauseTypeByCategory } from '../../core/ask/clause-types.js';
import { clauseTypeScore } from '../../core/ask/clause-type-score.js';
import { blankPageFooters } from '../../core/contract-text/page-footers.js';
import { segmentClauses, type SegmentOptions } from '../../core/contract-text/segment-clauses.js';
import type { ClauseRetriever, ClauseSearchOptions, ContractText, PassageHit } from '../../core/ports/clause-retriever.js';
import { expandLegalQuery, type ExpandedQuery, type ExpansionSource } from './legal-query-expansion.js';
import { legalTerm } from './legal-terms.js';

export interface PassageDoc {
  id: number;
  heading: string;
  text: string;
}

export interface StoredPassage {
  contractId: string;
  passageIndex: number;
  start: number;
  end: number;
}

export interface MiniSearchRetrieverOptions {
  segment?: SegmentOptions;
  /**
   * Contracts per MiniSearch shard. A search restricted to a few contracts only scores the
   * shards that hold them, so access-filtered queries stay fast as the corpus grows; BM25
   * statistics are per shard, which is close to global for shards of similar contracts.
   */
  shardSize?: number;
  /** Multipliers for a contract's first passages when the query asks for title/parties/date. */
  openingBoost?: readonly number[];
  /** Which query expansions to use (see `expandLegalQuery`); the measured best by default. */
  expansion?: ExpansionSource;
  /**
   * Weight of the clause-type rerank: for a question of a known clause type, the best BM25
   * candidates are reordered by BM25 (scaled to the best) plus this times the passage's learned
   * clause-type score (capped at 2). 0 turns it off.
   */
  rerank?: number;
}

const DEFAULT_RERANK = 0.75;
export const DEFAULT_OPENING_BOOST: readonly number[] = [100, 20];

/** The same settings as `newShard`, for `MiniSearch.loadJSON` of a persisted shard. */
export const SHARD_OPTIONS = {
  fields: ['text', 'heading'],
  storeFields: [] as string[],
  processTerm: legalTerm,
  searchOptions: { boost: { heading: 1.5 }, combineWith: 'OR' as const, bm25: { k: 1.2, b: 0.75, d: 0.5 } },
};

/** One shard as the search sees it: its index, its passages by id and its contracts' texts. */
export interface ShardView {
  index: MiniSearch<PassageDoc>;
  passage(id: number): StoredPassage | undefined;
  text(contractId: string): string;
}
/** A passage scored by BM25, with its quote. */
export interface Candidate {
  score: number;
  p: StoredPassage;
  text: string;
}

/** BM25 candidates considered by the rerank. */
const RERANK_POOL = 20;

export function newShard(): MiniSearch<PassageDoc> {
  return new MiniSearch<PassageDoc>(SHARD_OPTIONS);
}

/**
 * BM25 clause retrieval over passages of many contracts (MiniSearch, in memory). Contract texts
 * are kept once and passages only as offsets, so hits quote exact slices.
 */
export class MiniSearchClauseRetriever implements ClauseRetriever {
  private readonly shards: Array<{ index: MiniSearch<PassageDoc>; contracts: number }> = [];
  private readonly shardOf = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private readonly passages = new Map<number, StoredPassage>();
  private readonly idsByContract = new Map<string, number[]>();
  private nextId = 1;
  private readonly shardSize: number;
  private readonly openingBoost: readonly number[];

  constructor(private readonly options: MiniSearchRetrieverOptions = {}) {
    this.shardSize = options.shardSize ?? 64;
    this.openingBoost = options.openingBoost ?? DEFAULT_OPENING_BOOST;
  }

  index(contracts: Iterable<ContractText>): void {
    for (const { contractId, text } of contracts) {
      if (this.texts.has(contractId)) this.remove(contractId);
      let shardNo = this.shards.length - 1;
      if (shardNo < 0 || this.shards[shardNo]!.contracts >= this.shardSize) {
        this.shards.push({ index: newShard(), contracts: 0 });
        shardNo = this.shards.length - 1;
      }
      const shard = this.shards[shardNo]!;
      shard.contracts++;
      this.shardOf.set(contractId, shardNo);
      this.texts.set(contractId, text);
      const ids: number[] = [];
      // Page footers are blanked (same offsets) so their words and dates are not indexed; hits quote the original.
      const clean = blankPageFooters(text);
      for (const seg of segmentClauses(clean, this.options.segment)) {
        const id = this.nextId++;
        ids.push(id);
        this.passages.set(id, { contractId, passageIndex: seg.index, start: seg.start, end: seg.end });
        shard.index.add({ id, heading: seg.heading ?? '', text: clean.slice(seg.start, seg.end) });
      }
      this.idsByContract.set(contractId, ids);
    }
  }

  remove(contractId: string): void {
    const shardNo = this.shardOf.get(contractId);
    if (shardNo === undefined) return;
    const shard = this.shards[shardNo]!;
    for (const id of this.idsByContract.get(contractId) ?? []) {
      shard.index.discard(id);
      this.passages.delete(id);
    }
    shard.contracts--;
    this.shardOf.delete(contractId);
    this.idsByContract.delete(contractId);
    this.texts.delete(contractId);
  }

  get passageCount(): number {
    return this.passages.size;
  }

  search(query: string, options: ClauseSearchOptions): PassageHit[] {
    const allowed = options.contractIds ? new Set(options.contractIds) : undefined;
    if (allowed && allowed.size === 0) return [];
    const shardNos = allowed
      ? [...new Set([...allowed].map((id) => this.shardOf.get(id)).filter((n): n is number => n !== undefined))]
      : this.shards.map((_, i) => i);
    const passage = (id: number) => this.passages.get(id);
    const text = (contractId: string) => this.texts.get(contractId) ?? '';
    return searchShards(
      query,
      options,
      allowed,
      shardNos.map((n) => ({ index: this.shards[n]!.index, passage, text })),
      this.options,
      this.openingBoost,
    );
  }
}

/**
 * BM25 over the given shards with the access filter inside MiniSearch's scoring loop, then the
 * clause-type rerank: shared by the in-memory and the persisted sharded retriever so both rank alike.
 */
export function searchShards(
  query: string,
  options: ClauseSearchOptions,
  allowed: ReadonlySet<string> | undefined,
  shards: Iterable<ShardView>,
  settings: Pick<MiniSearchRetrieverOptions, 'expansion' | 'rerank'>,
  openingBoost: readonly number[],
  /** More candidates scored the same way elsewhere (the term index over unchanged shards). */
  more?: (expanded: ExpandedQuery, pool: number) => Iterable<Candidate>,
): PassageHit[] {
  const expanded = expandLegalQuery(query, settings.expansion);
  const type = expanded.category ? clauseTypeByCategory(expanded.category) : undefined;
  const rerank = type ? (settings.rerank ?? DEFAULT_RERANK) : 0;
  const pool = rerank > 0 ? Math.max(options.k, RERANK_POOL) : options.k;
  // Quotes are cut as each shard is searched, so a shard loaded for this search can be dropped before the next.
  const candidates: Candidate[] = more ? [...more(expanded, pool)] : [];
  for (const shard of shards) {
    // Returning 0 makes MiniSearch skip a passage before scoring it: the access filter is also the cheap path.
    const boostDocument = (id: unknown): number => {
      const p = shard.passage(id as number);
      if (!p || (allowed && !allowed.has(p.contractId))) return 0;
      return expanded.opening ? (openingBoost[p.passageIndex] ?? 1) : 1;
    };
    for (const r of shard.index.search(expanded.text, { boostDocument }).slice(0, pool)) {
      const p = shard.passage(r.id as number);
      if (p) candidates.push({ score: r.score, p, text: shard.text(p.contractId).slice(p.start, p.end) });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const hits: PassageHit[] = [];
  for (const { score, p, text } of candidates) {
    if (hits.length >= pool) break;
    // Defence in depth: never return a passage outside the allowed contracts.
    if (allowed && !allowed.has(p.contractId)) continue;
    hits.push({ ...p, score, text });
  }
  if (rerank > 0 && type && hits.length > 1) {
    const top = hits[0]!.score || 1;
    const combined = new Map(hits.map((h) => [h, h.score / top + rerank * Math.min(2, clauseTypeScore(type.category, h.text))]));
    hits.sort((a, b) => combined.get(b)! - combined.get(a)!);
  }
  hits.length = Math.min(hits.length, options.k);
  return hits;
}
