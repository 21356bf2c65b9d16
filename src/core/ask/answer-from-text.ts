import type { ClauseSegment } from '../contract-text/segment-clauses.js';
import type { Contract } from '../domain/contract.js';
import { sentenceRanges } from '../extraction/rules/sentences.js';
import { AI_FALLBACK_NOTE, type Answer, type Citation } from './answer.js';
import type { AskDeps } from './ask-deps.js';
import { contentTerms, isRelevant, matchedTerms } from './content-terms.js';
import { verifyCitations, ZGroundedAnswer, type AnswerPassage } from './grounded-answer.js';
import { mentionedContracts } from './mentioned-contracts.js';
import { syncRetrievalIndex } from './sync-retrieval-index.js';
import { withDeadline } from './with-deadline.js';

const RETRIEVE_K = 8;
const PASSAGES_FOR_MODEL = 5;
const QUOTES_BUILT_IN = 3;
const UNVERIFIED_NOTE = '(the AI answer could not be checked against the contract text; this is the built-in answer)';

interface Candidate extends AnswerPassage {
  best: Citation;
}

function sectionLabel(sections: readonly ClauseSegment[], offset: number): string | undefined {
  const s = sections.find((x) => x.start <= offset && offset < x.end);
  return s?.heading ?? (s?.number ? `section ${s.number}` : undefined);
}

/** The retrieved passages that really talk about the question, each with its best sentence. */
async function relevantPassages(deps: Pick<AskDeps, 'documents' | 'index'>, question: string, targets: readonly Contract[]): Promise<Candidate[]> {
  const withText = await syncRetrievalIndex(deps, targets.map((c) => c.id));
  if (withText.length === 0) return [];
  const terms = contentTerms(question, targets.length <= 3 ? targets.flatMap((c) => [c.counterparty, c.title]) : []);
  const hits = deps.index.retriever.search(question, { contractIds: withText, k: RETRIEVE_K });
  const byId = new Map(targets.map((c) => [c.id, c]));
  const sections = new Map<string, ClauseSegment[]>();
  const out: Candidate[] = [];
  for (const hit of hits) {
    const contract = byId.get(hit.contractId);
    if (!contract) continue; // the retriever was given only these ids; belt and braces
    if (!sections.has(hit.contractId)) sections.set(hit.contractId, (await deps.documents.find(hit.contractId))?.sections ?? []);
    let best: { start: number; end: number; matched: number } | undefined;
    for (const r of sentenceRanges(hit.text)) {
      const matched = matchedTerms(hit.text.slice(r.start, r.end), terms);
      if (!best || matched > best.matched) best = { ...r, matched };
    }
    if (!best || !isRelevant(best.matched, terms)) continue;
    const section = sectionLabel(sections.get(hit.contractId)!, hit.start);
    const common = { contractId: contract.id, contractRef: contract.ref, contractTitle: contract.title, ...(section ? { section } : {}) };
    out.push({
      id: `P${out.length + 1}`,
      ...common,
      start: hit.start,
      text: hit.text,
      best: { ...common, quote: hit.text.slice(best.start, best.end).trim(), start: hit.start + best.start, end: hit.start + best.end },
    });
  }
  return out;
}

function nothingFound(question: string, answeredBy: Answer['answeredBy'], note?: string): Answer {
  return {
    question,
    text: 'I found nothing in the contract text you can see that answers this. Try other words, or name the contract (e.g. C-2026-0042 or the counterparty).',
    citations: [],
    source: 'none',
    answeredBy,
    ...(note ? { note } : {}),
  };
}

function builtInAnswer(question: string, candidates: readonly Candidate[], note?: string): Answer {
  const citations = candidates.slice(0, QUOTES_BUILT_IN).map((c) => c.best);
  const lines = citations.map((c) => `• ${c.contractRef} ${c.contractTitle}${c.section ? `, ${c.section}` : ''}: “${c.quote.replace(/\s+/g, ' ')}”`);
  return {
    question,
    text: `Here is what the contract text says:\n${lines.join('\n')}`,
    citations,
    source: 'contract_text',
    answeredBy: 'built_in',
    ...(note ? { note } : {}),
  };
}

/**
 * Answers a question about contract wording from the stored text of the given contracts (the
 * ones the user may see): retrieval, then the model grounded in the passages, or the best
 * passages quoted when there is no model or it fails.
 */
export async function answerFromText(deps: AskDeps, question: string, visible: readonly Contract[], priorNote?: string): Promise<Answer> {
  const mentioned = mentionedContracts(question, visible);
  const targets = mentioned.length > 0 ? mentioned : visible;
  const candidates = await relevantPassages(deps, question, targets);
  if (!deps.model || priorNote) return candidates.length === 0 ? nothingFound(question, 'built_in', priorNote) : builtInAnswer(question, candidates, priorNote);
  if (candidates.length === 0) return nothingFound(question, 'built_in');

  const passages = candidates.slice(0, PASSAGES_FOR_MODEL);
  let raw: unknown;
  try {
    raw = await withDeadline(
      deps.model.answerFromPassages(
        question,
        passages.map((p) => ({ id: p.id, label: `${p.contractRef} ${p.contractTitle}${p.section ? `, ${p.section}` : ''}`, text: p.text })),
      ),
      deps.modelDeadlineMs,
      'the grounded answer',
    );
  } catch {
    return builtInAnswer(question, candidates, AI_FALLBACK_NOTE);
  }
  const parsed = ZGroundedAnswer.safeParse(raw);
  if (!parsed.success) return builtInAnswer(question, candidates, UNVERIFIED_NOTE);
  if (!parsed.data.found) return nothingFound(question, 'llm');
  const citations = verifyCitations(parsed.data, passages);
  if (citations.length === 0) return builtInAnswer(question, candidates, UNVERIFIED_NOTE);
  return { question, text: parsed.data.answer.trim(), citations, source: 'contract_text', answeredBy: 'llm' };
}
