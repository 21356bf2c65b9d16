import { SINGLE_VALUE_FIELDS, type Evidence, type Evidenced, type ExtractedTerms } from './extracted-terms.js';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Locates a quote in the text: at its stated offsets, else anywhere (an LLM often gets offsets
 * wrong but the quote right), else with whitespace differences ignored (contracts from EDGAR are
 * full of runs of spaces an LLM collapses) and straight/curly quotes and dashes taken as the same. Returns corrected evidence, or undefined.
 */
export function locateEvidence(text: string, evidence: Evidence): Evidence | undefined {
  const quote = evidence.text;
  if (!quote.trim()) return undefined;
  if (text.slice(evidence.start, evidence.end) === quote) return evidence;
  const exact = text.indexOf(quote);
  if (exact !== -1) return { start: exact, end: exact + quote.length, text: quote };
  // Straight and curly quotes and apostrophes, and dashes, are interchangeable: models normalise them.
  const words = quote
    .trim()
    .split(/\s+/)
    .map((w) =>
      escapeRegExp(w)
        .replace(/['‘’`]/g, "['‘’`]")
        .replace(/["“”]/g, '["“”]')
        .replace(/[-–—]/g, '[-–—]'),
    );
  const loose = new RegExp(words.join('\\s+')).exec(text);
  if (!loose) return undefined;
  return { start: loose.index, end: loose.index + loose[0].length, text: loose[0] };
}

function verifyOne<T>(text: string, item: Evidenced<T> | null | undefined): Evidenced<T> | null {
  if (!item) return null;
  const evidence = locateEvidence(text, item.evidence);
  return evidence ? { value: item.value, evidence } : null;
}

/** Drops every value whose quoted evidence is not in the document; fixes offsets of the rest. */
export function verifyEvidence(text: string, terms: ExtractedTerms): ExtractedTerms {
  const out: ExtractedTerms = { ...terms, parties: [] };
  for (const field of SINGLE_VALUE_FIELDS) {
    // Each field keeps its own value type; the cast only spares a switch over the field names.
    (out as Record<string, unknown>)[field] = verifyOne(text, terms[field] as Evidenced<unknown> | null);
  }
  out.parties = terms.parties.map((p) => verifyOne(text, p)).filter((p): p is Evidenced<string> => p !== null);
  return out;
}
