import { stem, words } from '../text/stem.js';

/** Words that carry no meaning for matching a question to contract wording. */
const STOPWORDS = new Set(
  (
    'a an and are as at be by can could did do does for from has have how i if in is it its may me might must ' +
    'my no not of on or our say says said shall should so that the their them there these they this those to ' +
    'under us was we what when where which who whom why will with would you your about any there any ' +
    'contract contracts agreement agreements msa nda sow clause clauses section tell mention mentions state states provide provides ' +
    'allowed allow allows let lets happen happens mean means give gives get'
  ).split(/\s+/),
);

/** The stems of a question's meaningful words, leaving out the names of the contracts it mentions. */
export function contentTerms(question: string, ignore: readonly string[] = []): string[] {
  const skip = new Set(ignore.flatMap((n) => words(n)).map(stem));
  const out = new Set<string>();
  for (const w of words(question)) {
    if (w.length < 3 || STOPWORDS.has(w)) continue;
    const s = stem(w);
    if (!skip.has(s)) out.add(s);
  }
  return [...out];
}

/** How many of the terms occur in the text (by stem). */
export function matchedTerms(text: string, terms: readonly string[]): number {
  const stems = new Set(words(text).map(stem));
  return terms.filter((t) => stems.has(t)).length;
}

/** Enough of the question's terms for a sentence to count as an answer, not a coincidence. */
function _isRelevant(matched: number, terms: readonly string[]): boolean {
  return terms.length > 0 && matched >= Math.max(1, Math.ceil(terms.length / 2));
}
