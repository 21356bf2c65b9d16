import { stem, words } from '../text/stem.js';
import { LEARNED_CLAUSE_TERMS, type LearnedClauseTerms } from './learned-clause-terms.js';
import { nonAnswerKind, quotablePieces } from './sentence-pieces.js';

/**
 * How much a sentence's length discounts its score: sum / n^LENGTH_DISCOUNT over its n distinct
 * stems, so a long sentence full of common clause words does not outscore a short one that says
 * the thing ("terminate for convenience"). Chosen on the CUAD tuning half.
 */
const LENGTH_DISCOUNT = 0.5;

/** The learned score of a set of stems for a clause type (see `learnedSentenceScore`). */
export function learnedStemScore(stems: ReadonlySet<string>, weights: Readonly<Record<string, number>>): number {
  let sum = 0;
  for (const t of stems) sum += weights[t] ?? 0;
  return sum / Math.max(1, stems.size) ** LENGTH_DISCOUNT;
}

/** The learned score of one sentence for a clause type: its distinct stems' weights, discounted by length. */
export function learnedSentenceScore(sentence: string, learned: Pick<LearnedClauseTerms, 'weights'>): number {
  return learnedStemScore(new Set(words(sentence).map(stem)), learned.weights);
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
