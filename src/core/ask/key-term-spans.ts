import type { Contract } from '../domain/contract.js';
import type { Evidence, ExtractedTerms } from '../extraction/extracted-terms.js';
import { extractTermsWithRules } from '../extraction/rules/rules-extractor.js';
import { sentenceRanges } from '../extraction/rules/sentences.js';
import type { KeyTermField } from './clause-types.js';
import type { KeyTermSpan } from './select-answer.js';

const MAX_SENTENCE = 700;

/** The sentence around a span (a date, a name), so the quote reads as an answer; the span itself when that sentence is huge. */
function sentenceAround(text: string, ev: Evidence): KeyTermSpan {
  const s = sentenceRanges(text).find((r) => r.start <= ev.start && ev.end <= r.end);
  if (!s || s.end - s.start > MAX_SENTENCE) return { start: ev.start, end: ev.end, text: ev.text };
  let { start, end } = s;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end, text: text.slice(start, end) };
}

/**
 * The spans of the contract text the key terms were read from, ready to quote: the title as
 * written, the sentence naming the parties or stating a date, the term, renewal, notice or
 * governing-law sentence.
 */
export function keyTermSpans(text: string, terms: ExtractedTerms): Partial<Record<KeyTermField, KeyTermSpan>> {
  const out: Partial<Record<KeyTermField, KeyTermSpan>> = {};
  if (terms.documentName) out.documentName = { ...terms.documentName.evidence };
  if (terms.parties[0]) out.parties = sentenceAround(text, terms.parties[0].evidence);
  if (terms.agreementDate) out.agreementDate = sentenceAround(text, terms.agreementDate.evidence);
  // Only an effective date the text states: a contract that never speaks of one has none to quote.
  if (terms.effectiveDate) out.effectiveDate = sentenceAround(text, terms.effectiveDate.evidence);
  if (terms.expirationDate) out.expirationDate = sentenceAround(text, terms.expirationDate.evidence);
  if (terms.renewalTerm) out.renewalTerm = sentenceAround(text, terms.renewalTerm.evidence);
  if (terms.noticePeriodDays) out.noticePeriodDays = sentenceAround(text, terms.noticePeriodDays.evidence);
  if (terms.governingLaw) out.governingLaw = sentenceAround(text, terms.governingLaw.evidence);
  return out;
}

/** The text's date agrees with the confirmed one: the same day, or the same month when the text states only the month ("June __, 2010"). */
const sameDate = (text: string, confirmed: string | undefined) =>
  !!confirmed && (text === confirmed || (text.length === 7 && confirmed.startsWith(`${text}-`)));

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * The key-term spans of a stored contract whose confirmed terms agree with what the text says:
 * the rules read the text again (deterministic), and a span is kept only where its value is the
 * confirmed one, so a corrected term is never "sourced" from a sentence that says otherwise.
 */
export function confirmedKeyTermSpans(contract: Contract, text: string): Partial<Record<KeyTermField, KeyTermSpan>> {
  const terms = extractTermsWithRules(text);
  const spans = keyTermSpans(text, terms);
  const keep: Partial<Record<KeyTermField, boolean>> = {
    documentName:
      !!terms.documentName && (norm(terms.documentName.value).includes(norm(contract.title)) || norm(contract.title).includes(norm(terms.documentName.value))),
    parties: terms.parties.some((p) => norm(p.value).includes(norm(contract.counterparty)) || norm(contract.counterparty).includes(norm(p.value))),
    agreementDate: !!terms.agreementDate && sameDate(terms.agreementDate.value, contract.startDate),
    effectiveDate: !!terms.effectiveDate && sameDate(terms.effectiveDate.value, contract.startDate),
    expirationDate: !!terms.expirationDate && sameDate(terms.expirationDate.value, contract.endDate),
    renewalTerm: !!terms.renewalTerm && terms.renewalTerm.value === contract.renewalTermMonths,
    noticePeriodDays: !!terms.noticePeriodDays && terms.noticePeriodDays.value === contract.noticePeriodDays,
    governingLaw: !!terms.governingLaw && !!contract.governingLaw && norm(contract.governingLaw).includes(norm(terms.governingLaw.value)),
  };
  return Object.fromEntries(Object.entries(spans).filter(([field]) => keep[field as KeyTermField])) as Partial<Record<KeyTermField, KeyTermSpan>>;
}
