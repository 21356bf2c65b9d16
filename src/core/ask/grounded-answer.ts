import { z } from 'zod';
import { locateEvidence } from '../extraction/verify-evidence.js';
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
