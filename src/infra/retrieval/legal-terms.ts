/**
 * Term normalisation for BM25 over contracts: lower case, drop function words, and strip common
 * English suffixes so "terminate", "terminated" and "termination" meet in one term.
 */
const STOP_WORDS = new Set(
  ('a an and are as at be by for from has have in is it its of on or that the this to was were will with ' +
    'shall such any all which who what when where whether there these those than then been being do does ' +
    'if into per other its may can highlight parts lawyer reviewed should details contract related')
    .split(' '),
);

const SUFFIXES = ['ational', 'ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ities', 'ity', 'ness', 'ies', 'ied', 'ed', 'es', 's', 'ly', 'al', 'ive', 'e'];

export function stem(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 4 && word.endsWith(suffix)) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

/** MiniSearch processTerm: returns null to drop a term. */
export function legalTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (lower.length < 2 || STOP_WORDS.has(lower) || /^\d+$/.test(lower)) return null;
  return stem(lower);
}
