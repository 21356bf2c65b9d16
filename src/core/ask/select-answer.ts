import { stem, words } from '../text/stem.js';
import { clauseTypeOf, type ClauseType, type KeyTermField } from './clause-types.js';
import { contentTerms } from './content-terms.js';
import { learnedStemScore } from './clause-type-score.js';
import { LEARNED_CLAUSE_TERMS, type LearnedClauseTerms } from './learned-clause-terms.js';
import { nonAnswerKind, quotablePieces } from './sentence-pieces.js';

/** A retrieved passage as answer selection sees it: its text and where it starts in the contract. */
export interface SourcePassage {
  start: number;
  text: string;
  /** The section heading it sits under ("9. Termination"), when known. */
  section?: string;
}

/** A key term with the span of the contract text it was read from (offsets into the contract). */
export interface KeyTermSpan {
  start: number;
  end: number;
  text: string;
}

interface RankedQuote {
  /** Index of the passage quoted; -1 for a key term's own span. */
  passage: number;
  /** Offsets into the contract text. */
  start: number;
  end: number;
  quote: string;
  score: number;
  from: 'key_term' | 'text';
}

export interface SelectedAnswer {
  clauseType?: string;
  quotes: RankedQuote[];
}

export interface SelectOptions {
  /** Names of the contracts the question mentions: not evidence of an answer. */
  ignore?: readonly string[];
  keyTerms?: Partial<Record<KeyTermField, KeyTermSpan>>;
  max?: number;
  /** Multiplies every clause type's learned threshold (tuning; `DEFAULT_THRESHOLD_SCALE` otherwise). */
  thresholdScale?: number;
  /** At most one quote per passage (default), so three quotes show three places in the text. */
  onePerPassage?: boolean;
}

/**
 * How many of a question's own words a sentence needs when the question is of no known clause
 * type: one of a short question's words, two of a longer one's, a third of a long one's (the old
 * check wanted half of them, which refused every long, everyday question).
 */
export function termsNeeded(n: number): number {
  if (n <= 2) return 1;
  if (n <= 6) return 2;
  return Math.ceil(n / 3);
}

/** Chosen on the CUAD tuning half with `npm run score:ask -- DIR --half tune --threshold-scale X` (bench/README.md). */
const DEFAULT_THRESHOLD_SCALE = 1;

const TERM_WORDS = /\b(?:this agreement|the agreement|term|hereof|hereunder)\b/i;

function learnedScore(stems: ReadonlySet<string>, learned: LearnedClauseTerms | undefined): number {
  if (!learned) return 0;
  let sum = 0;
  for (const t of stems) sum += learned.weights[t] ?? 0;
  return sum;
}

/**
 * Ranks every sentence of the retrieved passages as an answer to the question and keeps the ones
 * that answer it, best first. A question of a known clause type is scored with that type's learned
 * vocabulary (a sentence must reach the type's learned threshold) plus the question's own words; any
 * other question by its own words (`termsNeeded`). Headings, signature lines and page footers are
 * never quoted. Date, party, title and term questions quote the confirmed key term's span first.
 */
export function selectAnswer(question: string, passages: readonly SourcePassage[], options: SelectOptions = {}): SelectedAnswer {
  const type: ClauseType | undefined = clauseTypeOf(question);
  const learned = type ? LEARNED_CLAUSE_TERMS[type.category] : undefined;
  const terms = contentTerms(question, options.ignore ?? []);
  const max = options.max ?? 3;
  const out: RankedQuote[] = [];

  const keyTerm = type?.keyTerm ? options.keyTerms?.[type.keyTerm] : undefined;
  if (keyTerm) out.push({ passage: -1, start: keyTerm.start, end: keyTerm.end, quote: keyTerm.text, score: Number.POSITIVE_INFINITY, from: 'key_term' });

  const needed = termsNeeded(terms.length);
  const scored: RankedQuote[] = [];
  passages.forEach((p, rank) => {
    const sectionStems = new Set(words(p.section ?? '').map(stem));
    for (const piece of quotablePieces(p.text)) {
      const raw = p.text.slice(piece.start, piece.end);
      if (nonAnswerKind(raw) || words(raw).length < 4) continue;
      const stems = new Set(words(raw).map(stem));
      const matched = terms.filter((t) => stems.has(t)).length;
      const cat = learned ? learnedStemScore(stems, learned.weights) : 0;
      const headed = learned ? learnedScore(sectionStems, learned) >= 3 : terms.some((t) => sectionStems.has(t));
      let score: number;
      if (learned) {
        // The clause type alone decides, so every phrasing of one question gets the same answer.
        const base = Math.max(1, learned.threshold);
        if (cat < base * (options.thresholdScale ?? DEFAULT_THRESHOLD_SCALE)) continue;
        score = cat / base;
      } else {
        if (terms.length === 0 || matched < needed) continue;
        score = matched / terms.length;
      }
      score += (headed ? 0.15 : 0) + 0.2 * (1 - rank / Math.max(1, passages.length)) + (TERM_WORDS.test(raw) ? 0.02 : 0);
      scored.push({ passage: rank, start: p.start + piece.start, end: p.start + piece.end, quote: raw, score, from: 'text' });
    }
  });
  scored.sort((a, b) => b.score - a.score || a.start - b.start);
  for (const q of scored) {
    if (out.length >= max) break;
    if (out.some((o) => (o.start < q.end && q.start < o.end) || (options.onePerPassage !== false && o.passage === q.passage))) continue;
    out.push(q);
  }
  return { ...(type ? { clauseType: type.category } : {}), quotes: out };
}
