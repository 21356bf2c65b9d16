import type { ExtractedTerms } from '../extracted-terms.js';
import type { ExtractOptions, KeyTermExtractor } from '../key-term-extractor.js';
import { extractAgreementDate, extractEffectiveDate, extractExpirationDate } from './dates.js';
import { extractDocumentName } from './document-name.js';
import { extractGoverningLaw } from './governing-law.js';
import { findDates } from './parse-dates.js';
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

export function extractTermsWithRules(text: string): ExtractedTerms {
  const dates = findDates(text);
  const sentences = sentenceRanges(text);
  const agreementDate = extractAgreementDate(text, dates);
  const effectiveDate = extractEffectiveDate(text, agreementDate, dates);
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
