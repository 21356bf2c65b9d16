import type { ClauseSegment } from '../contract-text/segment-clauses.js';
import type { Contract } from '../domain/contract.js';
import { sentenceRanges } from '../extraction/rules/sentences.js';
import type { Citation } from './answer.js';
import type { AskDeps } from './ask-deps.js';
import { contentTerms, isRelevant, matchedTerms } from './content-terms.js';
import type { AnswerPassage } from './grounded-answer.js';
import { syncRetrievalIndex } from './sync-retrieval-index.js';
import { withDeadline } from './with-deadline.js';

const RETRIEVE_K = 8;
/** With embeddings, more BM25 candidates are worth fetching: the reordering can lift a lower one. */
const RETRIEVE_K_EMBEDDED = 16;

export interface Candidate extends AnswerPassage {
  best: Citation;
  /** How many of the question's terms the best quote covers. */
  matched: number;
}

function sectionLabel(sections: readonly ClauseSegment[], offset: number): string | undefined {
  const s = sections.find((x) => x.start <= offset && offset < x.end);
  return s?.heading ?? (s?.number ? `section ${s.number}` : undefined);
}

/** Sentences of a passage, also cut at line breaks so a heading is never part of a quote. */
function pieces(text: string): Array<{ start: number; end: number }> {
  return sentenceRanges(text).flatMap((r) => {
    const out: Array<{ start: number; end: number }> = [];
    let start = r.start;
    for (const line of text.slice(r.start, r.end).split('\n')) {
      const lead = line.length - line.trimStart().length;
      const body = line.trim();
      if (body.length > 0) out.push({ start: start + lead, end: start + lead + body.length });
      start += line.length + 1;
    }
    return out;
  });
}

/**
 * The quote that covers most of the question's terms: one sentence, or two adjacent ones when
 * the second adds terms (a renewal sentence followed by its notice sentence).
 */
function bestQuote(text: string, terms: readonly string[]): { start: number; end: number; matched: number } | undefined {
  const parts = pieces(text).filter((p) => !isHeadingLine(text.slice(p.start, p.end)));
  let best: { start: number; end: number; matched: number; size: number } | undefined;
  for (const size of [1, 2]) {
    for (let i = 0; i + size <= parts.length; i++) {
      const start = parts[i]!.start;
      const end = parts[i + size - 1]!.end;
      const matched = matchedTerms(text.slice(start, end), terms);
      // Two sentences only when they cover more of the question than any single one.
      if (!best || matched > best.matched) best = { start, end, matched, size };
    }
  }
  return best;
}

/** "4. TERMINATION": a heading, not something to quote. */
function isHeadingLine(line: string): boolean {
  return line.length < 80 && !/[a-z]/.test(line);
}

/** The retrieved passages that really talk about the question, each with its best sentence. */
async function relevantPassages(deps: Pick<AskDeps, 'documents' | 'index' | 'embedder'>, question: string, targets: readonly Contract[]): Promise<Candidate[]> {
  const withText = await syncRetrievalIndex(deps, targets.map((c) => c.id));
  if (withText.length === 0) return [];
  const terms = contentTerms(question, targets.length <= 3 ? targets.flatMap((c) => [c.counterparty, c.title]) : []);
  const hits = deps.index.retriever.search(question, { contractIds: withText, k: deps.embedder ? RETRIEVE_K_EMBEDDED : RETRIEVE_K });
  const byId = new Map(targets.map((c) => [c.id, c]));
  const sections = new Map<string, ClauseSegment[]>();
  const out: Candidate[] = [];
  for (const hit of hits) {
    const contract = byId.get(hit.contractId);
    if (!contract) continue; // the retriever was given only these ids; belt and braces
    if (!sections.has(hit.contractId)) sections.set(hit.contractId, (await deps.documents.find(hit.contractId))?.sections ?? []);
    const best = bestQuote(hit.text, terms);
    if (!best || !isRelevant(best.matched, terms)) continue;
    const section = sectionLabel(sections.get(hit.contractId)!, hit.start);
    const common = { contractId: contract.id, contractRef: contract.ref, contractTitle: contract.title, ...(section ? { section } : {}) };
    out.push({
      id: `P${out.length + 1}`,
      ...common,
      start: hit.start,
      text: hit.text,
      matched: best.matched,
      best: { ...common, quote: hit.text.slice(best.start, best.end).trim(), start: hit.start + best.start, end: hit.start + best.end },
    });
  }
  return out;
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * (b[i] ?? 0);
    na += a[i]! * a[i]!;
    nb += (b[i] ?? 0) * (b[i] ?? 0);
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Orders the candidates that cover equally many of the question's terms by how close their
 * meaning is (embeddings); BM25's order when embeddings are off or fail.
 */
async function byMeaning(deps: Pick<AskDeps, 'embedder' | 'modelDeadlineMs'>, question: string, candidates: Candidate[]): Promise<Candidate[]> {
  if (!deps.embedder || candidates.length < 2) return candidates;
  try {
    const [q, ...vectors] = await withDeadline(deps.embedder.embed([question, ...candidates.map((c) => c.text)]), deps.modelDeadlineMs, 'embeddings');
    if (!q || vectors.length !== candidates.length) return candidates;
    // Covering the question's words stays first; meaning decides among passages that cover as much.
    const scored = candidates.map((c, i) => ({ c, score: cosine(q, vectors[i]!) }));
    scored.sort((a, b) => b.c.matched - a.c.matched || b.score - a.score);
    return scored.map(({ c }, i) => ({ ...c, id: `P${i + 1}` }));
  } catch {
    return candidates;
  }
}

/**
 * The passages of these contracts that answer the question, best first, each with the quote that
 * answers it: BM25 retrieval restricted to the contracts, a check that the quote covers the
 * question's words, and (when configured) embeddings to order them.
 */
export async function retrievePassages(deps: Pick<AskDeps, 'documents' | 'index' | 'embedder' | 'modelDeadlineMs'>, question: string, targets: readonly Contract[]): Promise<Candidate[]> {
  return byMeaning(deps, question, await relevantPassages(deps, question, targets));
}
