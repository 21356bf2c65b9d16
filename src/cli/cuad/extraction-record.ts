import { z } from 'zod';
import type { Evidence, ExtractedTerms } from '../../core/extraction/extracted-terms.js';

const EXTRACTED_FIELDS = [
  'documentName',
  'parties',
  'agreementDate',
  'effectiveDate',
  'expirationDate',
  'renewalTerm',
  'noticePeriodDays',
  'governingLaw',
] as const;
export type ExtractedField = (typeof EXTRACTED_FIELDS)[number];

const ZEvidenceOut = z.object({ start: z.number(), end: z.number(), text: z.string() });

/** One line of `npm run extract` output. */
export const ZExtractionRecord = z.object({
  id: z.string(),
  fields: z.object({
    documentName: z.string().nullable(),
    parties: z.array(z.string()),
    agreementDate: z.string().nullable(),
    effectiveDate: z.string().nullable(),
    expirationDate: z.string().nullable(),
    renewalTerm: z.number().nullable(),
    noticePeriodDays: z.number().nullable(),
    governingLaw: z.string().nullable(),
  }),
  evidence: z.record(z.string(), z.union([ZEvidenceOut, z.array(ZEvidenceOut)])),
});
export type ExtractionRecord = z.infer<typeof ZExtractionRecord>;

export function toExtractionRecord(id: string, terms: ExtractedTerms): ExtractionRecord {
  const evidence: Record<string, Evidence | Evidence[]> = {};
  const fields: ExtractionRecord['fields'] = {
    documentName: terms.documentName?.value ?? null,
    parties: terms.parties.map((p) => p.value),
    agreementDate: terms.agreementDate?.value ?? null,
    effectiveDate: terms.effectiveDate?.value ?? null,
    expirationDate: terms.expirationDate?.value ?? null,
    renewalTerm: terms.renewalTerm?.value ?? null,
    noticePeriodDays: terms.noticePeriodDays?.value ?? null,
    governingLaw: terms.governingLaw?.value ?? null,
  };
  for (const field of EXTRACTED_FIELDS) {
    if (field === 'parties') {
      if (terms.parties.length > 0) evidence.parties = terms.parties.map((p) => p.evidence);
      continue;
    }
    const item = terms[field];
    if (item) evidence[field] = item.evidence;
  }
  return { id, fields, evidence };
}
