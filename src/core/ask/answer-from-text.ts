import type { Contract } from '../domain/contract.js';
import { AI_FALLBACK_NOTE, type Answer } from './answer.js';
import type { AskDeps } from './ask-deps.js';
import { unsupportedFigures, verifyCitations, ZGroundedAnswer } from './grounded-answer.js';
import { mentionedContracts } from './mentioned-contracts.js';
import { retrievePassages, type Candidate } from './retrieve-passages.js';
import { withDeadline } from './with-deadline.js';

const PASSAGES_FOR_MODEL = 5;
const QUOTES_BUILT_IN = 3;
const UNVERIFIED_NOTE = '(the AI answer could not be checked against the contract text; this is the built-in answer)';

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
  const candidates = await retrievePassages(deps, question, targets);
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
  // Quotes must be in the passages, and the answer may state no figure its quotes do not.
  if (citations.length === 0 || unsupportedFigures(parsed.data.answer, citations).length > 0) return builtInAnswer(question, candidates, UNVERIFIED_NOTE);
  return { question, text: parsed.data.answer.trim(), citations, source: 'contract_text', answeredBy: 'llm' };
}
