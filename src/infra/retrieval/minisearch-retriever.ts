import MiniSearch from 'minisearch';
import { segmentClauses, type SegmentOptions } from '../../core/contract-text/segment-clauses.js';
import type {
  ClauseRetriever,
  ClauseSearchOptions,
  ContractText,
  PassageHit,
} from '../../core/ports/clause-retriever.js';
import { expandLegalQuery } from './legal-query-expansion.js';
import { legalTerm } from './legal-terms.js';

interface PassageDoc {
  id: number;
  heading: string;
  text: string;
}

interface StoredPassage {
  contractId: string;
  passageIndex: number;
  start: number;
  end: number;
}

export interface MiniSearchRetrieverOptions {
  segment?: SegmentOptions;
  /** Multiplier for passages in a contract's opening when the query asks for title/parties/date. */
  openingBoost?: number;
}

/**
 * BM25 clause retrieval over passages of many contracts (MiniSearch, in memory). The contract
 * texts are kept once, passages only as offsets, so hits can quote exact slices.
 */
export class MiniSearchClauseRetriever implements ClauseRetriever {
  private readonly search_ = new MiniSearch<PassageDoc>({
    fields: ['text', 'heading'],
    storeFields: [],
    processTerm: legalTerm,
    searchOptions: { boost: { heading: 1.5 }, combineWith: 'OR', bm25: { k: 1.2, b: 0.75, d: 0.5 } },
  });
  private readonly texts = new Map<string, string>();
  private readonly passages = new Map<number, StoredPassage>();
  private readonly idsByContract = new Map<string, number[]>();
  private nextId = 1;

  constructor(private readonly options: MiniSearchRetrieverOptions = {}) {}

  index(contracts: Iterable<ContractText>): void {
    for (const { contractId, text } of contracts) {
      if (this.texts.has(contractId)) this.remove(contractId);
      this.texts.set(contractId, text);
      const ids: number[] = [];
      for (const seg of segmentClauses(text, this.options.segment)) {
        const id = this.nextId++;
        ids.push(id);
        this.passages.set(id, { contractId, passageIndex: seg.index, start: seg.start, end: seg.end });
        this.search_.add({ id, heading: seg.heading ?? '', text: text.slice(seg.start, seg.end) });
      }
      this.idsByContract.set(contractId, ids);
    }
  }

  remove(contractId: string): void {
    for (const id of this.idsByContract.get(contractId) ?? []) {
      this.search_.discard(id);
      this.passages.delete(id);
    }
    this.idsByContract.delete(contractId);
    this.texts.delete(contractId);
  }

  get passageCount(): number {
    return this.passages.size;
  }

  search(query: string, options: ClauseSearchOptions): PassageHit[] {
    const allowed = options.contractIds ? new Set(options.contractIds) : undefined;
    if (allowed && allowed.size === 0) return [];
    const expanded = expandLegalQuery(query);
    const openingBoost = this.options.openingBoost ?? 3;
    const results = this.search_.search(expanded.text, {
      ...(allowed ? { filter: (r) => allowed.has(this.passages.get(r.id as number)?.contractId ?? '') } : {}),
      ...(expanded.opening
        ? { boostDocument: (id: unknown) => ((this.passages.get(id as number)?.passageIndex ?? 99) < 2 ? openingBoost : 1) }
        : {}),
    });
    const hits: PassageHit[] = [];
    for (const r of results) {
      if (hits.length >= options.k) break;
      const p = this.passages.get(r.id as number);
      // Defence in depth: the access filter above must never be the only guard.
      if (!p || (allowed && !allowed.has(p.contractId))) continue;
      const text = this.texts.get(p.contractId) ?? '';
      hits.push({ ...p, score: r.score, text: text.slice(p.start, p.end) });
    }
    return hits;
  }
}
