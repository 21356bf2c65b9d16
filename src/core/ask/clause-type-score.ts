import { stem, words } from '../text/stem.js';
import { LEARNED_CLAUSE_TERMS, type LearnedClauseTerms } from './learned-clause-terms.js';
import { nonAnswerKind, quotablePieces } from './sentence-pieces.js';

/** The learned score of one sentence for a clause type: the sum of the weights of its distinct stems. */
export function learnedSentenceScore(sentence: string, learned: LearnedClauseTerms): number {
  let sum = 0;
  for (const t of new Set(words(sentence).map(stem))) sum += learned.weights[t] ?? 0;
  return sum;
}

/**
 * How strongly a passage reads as a clause of this type: its best quotable sentence's learned
 * score over the type's threshold (1 = just enough to answer with it); 0 for an unknown type.
 */
export function clauseTypeScore(category: string, text: string): number {
  const learned = LEARNED_CLAUSE_TERMS[category];
  if (!learned || learned.threshold <= 0) return 0;
  let best = 0;
  for (const p of quotablePieces(text)) {
    const raw = text.slice(p.start, p.end);
    if (nonAnswerKind(raw)) continue;
    best = Math.max(best, learnedSentenceScore(raw, learned));
  }
  return best / learned.threshold;
}
