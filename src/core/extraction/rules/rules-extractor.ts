import { blankPageFooters } from '../../contract-text/page-footers.js';
import { evidenceAt, type Evidenced, type ExtractedTerms } from '../extracted-terms.js';
import type { ExtractOptions, KeyTermExtractor } from '../key-term-extractor.js';
import { extractAgreementDate, extractEffectiveDate, extractExpirationDate } from './dates.js';
import { extractDocumentName } from './document-name.js';
import { extractGoverningLaw } from './governing-law.js';
import { findDates, findPartialDates } from './parse-dates.js';
import { extractParties } from './parties.js';
import { extractNoticePeriodDays, extractRenewalTerm } from './renewal.js';
import { sentenceRanges } from './sentences.js';
import { extractValue } from './value.js';

/** The built-in extractor: regular-expression rules, offline and deterministic. */
export class RulesKeyTermExtractor implements KeyTermExtractor {
  async extract(text: string, _opts?: ExtractOptions): Promise<ExtractedTerms> {
    return extractTermsWithRules(text);
  }
}

/**
 * Key terms by the rules, read with the page footers blanked (same offsets), the evidence quoted
 * from the original text.
 */
export function extractTermsWithRules(original: string): ExtractedTerms {
  const terms = extractFromText(blankPageFooters(original));
  const quote = <T>(e: Evidenced<T> | null | undefined): Evidenced<T> | null =>
    e ? { value: e.value, evidence: evidenceAt(original, e.evidence.start, e.evidence.end) } : null;
  return {
    documentName: quote(terms.documentName),
    parties: terms.parties.map((p) => quote(p)!),
    agreementDate: quote(terms.agreementDate),
    effectiveDate: quote(terms.effectiveDate),
    expirationDate: quote(terms.expirationDate),
    renewalTerm: quote(terms.renewalTerm),
    noticePeriodDays: quote(terms.noticePeriodDays),
    governingLaw: quote(terms.governingLaw),
    value: quote(terms.value),
  };
}

function extractFromText(text: string): ExtractedTerms {
  const dates = findDates(text);
  const sentences = sentenceRanges(text);
  const partials = findPartialDates(text, dates);
  const agreementDate = extractAgreementDate(text, dates, partials);
  const effectiveDate = extractEffectiveDate(text, agreementDate, dates, partials);

  return {
    documentName: extractDocumentName(text),
    parties: extractParties(text),
    agreementDate,
    effectiveDate,
    expirationDate: extractExpirationDate(text, effectiveDate ?? agreementDate, dates, sentences),
    renewalTerm: extractRenewalTerm(text, sentences),
    noticePeriodDays: extractNoticePeriodDays(text, sentences),
    governingLaw: extractGoverningLaw(text),
    value: extractValue(text),
  };
}
