import { z } from 'zod';
import { locateEvidence } from '../extraction/verify-evidence.js';
import { parseNumberWords } from '../extraction/rules/numbers.js';
import type { Citation } from './answer.js';

/** What the model must return for a wording question (structured output, validated here). */
export const ZGroundedAnswer = z.strictObject({
  found: z.boolean().describe('false when the passages do not answer the question'),
  answer: z.string().max(3000).describe('The answer, using only the passages'),
  citations: z
    .array(
      z.strictObject({
        passage: z.string().describe('The id of the passage quoted, e.g. P1'),
        quote: z.string().min(1).max(1500).describe('A sentence copied exactly from that passage'),
      }),
    )
    .max(8),
});
export type GroundedAnswer = z.infer<typeof ZGroundedAnswer>;

/** A retrieved passage as the answer step sees it. */
export interface AnswerPassage {
  id: string;
  contractId: string;
  contractRef: string;
  contractTitle: string;
  section?: string;
  /** Offset of `text` in the contract's document. */
  start: number;
  text: string;
}

/**
 * Keeps the model's citations that quote one of the passages it was given, with offsets into the
 * contract's text. A citation of an unknown passage or of words not in it is dropped: the model
 * cannot cite what it was not shown.
 */
export function verifyCitations(answer: GroundedAnswer, passages: readonly AnswerPassage[]): Citation[] {
  const byId = new Map(passages.map((p) => [p.id, p]));
  const out: Citation[] = [];
  for (const c of answer.citations) {
    const p = byId.get(c.passage.trim());
    if (!p) continue;
    const ev = locateEvidence(p.text, { start: 0, end: 0, text: c.quote.trim() });
    if (!ev) continue;
    out.push({
      contractId: p.contractId,
      contractRef: p.contractRef,
      contractTitle: p.contractTitle,
      ...(p.section ? { section: p.section } : {}),
      quote: ev.text,
      start: p.start + ev.start,
      end: p.start + ev.end,
    });
  }
  return out;
}

const MONTH_NUMBERS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

/** Every number a text states: digits, number words ("sixty"), months ("January" = 1). */
function numbersIn(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(/\d+(?:,\d{3})*(?:\.\d+)?/g)) out.add(Number(m[0].replace(/,/g, '')));
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(/[a-z]+(?:[\s-]+[a-z]+)*/g)) {
    for (const w of m[0].split(/[\s-]+/)) {
      const n = parseNumberWords(w);
      if (n !== undefined) out.add(n);
      if (MONTH_NUMBERS[w]) out.add(MONTH_NUMBERS[w]);
    }
    const whole = parseNumberWords(m[0]);
    if (whole !== undefined) out.add(whole);
  }
  return out;
}

/**
 * The figures of a model's answer that none of its checked quotes states ("180 days" when the
 * quote says sixty): an answer with any is not grounded, whatever its quotes.
 */
export function unsupportedFigures(answer: string, citations: readonly Pick<Citation, 'quote' | 'section' | 'contractRef' | 'contractTitle'>[]): number[] {
  // The quotes' own figures, and those of the labels the model was shown (section numbers, titles).
  const stated = numbersIn(citations.map((c) => `${c.quote} ${c.section ?? ''} ${c.contractTitle}`).join(' '));
  // Contract references (C-2026-0042) name a contract, not a figure.
  const refs = new Set(citations.map((c) => c.contractRef));
  const plain = [...refs].reduce((t, ref) => t.split(ref).join(' '), answer).replace(/\b[A-Z]{1,3}-\d{4}-\d{3,}\b/g, ' ');
  return [...plain.matchAll(/\d+(?:,\d{3})*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, ''))).filter((n) => !stated.has(n));
}
