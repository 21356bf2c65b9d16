import type { ClauseSegment } from '../contract-text/segment-clauses.js';
import type { Contract } from '../domain/contract.js';
import type { Citation } from './answer.js';
import type { AskDeps } from './ask-deps.js';
import { confirmedKeyTermSpans } from './key-term-spans.js';
import { selectAnswer, type SourcePassage } from './select-answer.js';
import type { AnswerPassage } from './grounded-answer.js';
import { syncRetrievalIndex } from './sync-retrieval-index.js';
import { withDeadline } from './with-deadline.js';

const RETRIEVE_K = 8;
/** With embeddings, more BM25 candidates are worth fetching: the reordering can lift a lower one. */
const RETRIEVE_K_EMBEDDED = 16;

export interface Candidate extends AnswerPassage {
  best: Citation;
  /** How well the best quote answers (its score, in tenths): embeddings only reorder equals. */
  matched: number;
}

function sectionLabel(sections: readonly ClauseSegment[], offset: number): string | undefined {
  const s = sections.find((x) => x.start <= offset && offset < x.end);
  return s?.heading ?? (s?.number ? `section ${s.number}` : undefined);
}

/** Candidates a passage's quotes can come from: enough for the model's passages and three quotes. */
const MAX_QUOTES = 8;

/**
 * The retrieved passages that really talk about the question, ordered by their best sentence
 * (`selectAnswer`): one candidate per quote, the passage it sits in as context. When the question
 * is about one contract and asks for a key term it has confirmed (date, party, title, term), that
 * term's source sentence comes first.
 */
async function relevantPassages(deps: Pick<AskDeps, 'documents' | 'index' | 'embedder'>, question: string, targets: readonly Contract[]): Promise<Candidate[]> {
  const withText = await syncRetrievalIndex(
    deps,
    targets.map((c) => c.id),
  );
  if (withText.length === 0) return [];
  const hits = deps.index.retriever.search(question, { contractIds: withText, k: deps.embedder ? RETRIEVE_K_EMBEDDED : RETRIEVE_K });
  const byId = new Map(targets.map((c) => [c.id, c]));
  const docs = new Map<string, { text: string; sections: ClauseSegment[] }>();
  const docOf = async (id: string) => {
    if (!docs.has(id)) {
      const d = await deps.documents.find(id);
      docs.set(id, { text: d?.text ?? '', sections: d?.sections ?? [] });
    }
    return docs.get(id)!;
  };
  const visibleHits = hits.filter((h) => byId.has(h.contractId)); // the retriever was given only these ids; belt and braces
  const sources: SourcePassage[] = [];
  for (const h of visibleHits) {
    const section = sectionLabel((await docOf(h.contractId)).sections, h.start);
    sources.push({ start: h.start, text: h.text, ...(section ? { section } : {}) });
  }
  const single = targets.length === 1 ? targets[0]! : undefined;
  const keyTerms = single ? confirmedKeyTermSpans(single, (await docOf(single.id)).text) : undefined;
  const selected = selectAnswer(question, sources, {
    ignore: targets.length <= 3 ? targets.flatMap((c) => [c.counterparty, c.title]) : [],
    ...(keyTerms ? { keyTerms } : {}),
    max: MAX_QUOTES,
  });
  const out: Candidate[] = [];
  for (const q of selected.quotes) {
    const hit = q.passage >= 0 ? visibleHits[q.passage]! : undefined;
    const contract = hit ? byId.get(hit.contractId)! : single!;
    const section = hit ? sources[q.passage]!.section : sectionLabel((await docOf(contract.id)).sections, q.start);
    const common = { contractId: contract.id, contractRef: contract.ref, contractTitle: contract.title, ...(section ? { section } : {}) };
    out.push({
      id: `P${out.length + 1}`,
      ...common,
      start: hit ? hit.start : q.start,
      text: hit ? hit.text : q.quote,
      matched: Math.round(q.score * 10),
      best: { ...common, quote: q.quote, start: q.start, end: q.end },
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
export async function retrievePassages(
  deps: Pick<AskDeps, 'documents' | 'index' | 'embedder' | 'modelDeadlineMs'>,
  question: string,
  targets: readonly Contract[],
): Promise<Candidate[]> {
  return byMeaning(deps, question, await relevantPassages(deps, question, targets));
}
