/** Words that carry no meaning for matching a question to contract wording. */
const STOPWORDS = new Set(
  ('a an and are as at be by can could did do does for from has have how i if in is it its may me might must ' +
    'my no not of on or our say says said shall should so that the their them there these they this those to ' +
    'under us was we what when where which who whom why will with would you your about any there any ' +
    'contract contracts agreement agreements msa nda sow clause clauses section tell mention mentions state states provide provides ' +
    'allowed allow allows let lets happen happens mean means give gives get').split(/\s+/),
);

/** A crude English stem: enough to match "terminate" / "termination" / "terminated". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  for (const suffix of ['ations', 'ation', 'ities', 'ments', 'ment', 'ings', 'ing', 'ions', 'ion', 'ies', 'ied', 'ed', 'es', 'ly', 's', 'e']) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w;
}

export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z][a-z0-9'-]*/g) ?? [];
}

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
export function isRelevant(matched: number, terms: readonly string[]): boolean {
  return terms.length > 0 && matched >= Math.max(1, Math.ceil(terms.length / 2));
}
