/**
 * Term normalisation for BM25 over contracts: lower case, drop function words, and stem with the
 * core's shared stemmer so the index, the queries and the answer step agree on every term.
 */
import { stem } from '../../core/text/stem.js';

const STOP_WORDS = new Set(
  (
    'a an and are as at be by for from has have in is it its of on or that the this to was were will with ' +
    'shall such any all which who what when where whether there these those than then been being do does ' +
    'if into per other its may can highlight parts lawyer reviewed should details contract related'
  ).split(' '),
);

/** MiniSearch processTerm: returns null to drop a term. */
/**
 * Version of the index-time term processing (this function, the Porter stemmer in core/text/stem.ts
 * and clause segmentation): part of a persisted index's format, so bump it when any of them changes.
 */
export const TERM_VERSION = 'porter1980-legal-1';

export function legalTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (lower.length < 2 || STOP_WORDS.has(lower) || /^\d+$/.test(lower)) return null;
  return stem(lower);
}
