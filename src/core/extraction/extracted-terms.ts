import { z } from 'zod';
import { ZCalendarDate } from '../domain/calendar-date.js';
import { ZMoney } from '../domain/money.js';

/** Where a value came from: an exact slice of the contract text (`text.slice(start, end) === text`). */
const ZEvidence = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string().min(1),
});
export type Evidence = z.infer<typeof ZEvidence>;

function evidenced<T extends z.ZodType>(value: T) {
  return z.object({ value, evidence: ZEvidence });
}

/** A month and year with the day not stated (`YYYY-MM`); see `YearMonth` in rules/parse-dates. */
const ZYearMonth = z.string().regex(/^(?:19|20)\d{2}-(?:0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');
/** A contract date as precise as the text states it: `YYYY-MM-DD`, or `YYYY-MM` when only the month and year are written. */
const ZContractDate = z.union([ZCalendarDate, ZYearMonth]);

/** `YYYY-MM-DD`, `YYYY-MM` (a term counted from a month and year), or 'perpetual'. */
const ZExpiration = z.union([ZCalendarDate, ZYearMonth, z.literal('perpetual')]);

/**
 * Key terms of one contract. Every value carries its evidence so a reviewer can check it and so a
 * value an extractor made up (no quote in the text) can be dropped by `verifyEvidence`.
 */
export const ZExtractedTerms = z.object({
  documentName: evidenced(z.string().min(1)).nullable(),
  parties: z.array(evidenced(z.string().min(1))),
  /** `YYYY-MM-DD`, or `YYYY-MM` (precision: month) when the text states only the month and year. */
  agreementDate: evidenced(ZContractDate).nullable(),
  /** `YYYY-MM-DD`, or `YYYY-MM` (precision: month) when the text states only the month and year. */
  effectiveDate: evidenced(ZContractDate).nullable(),
  expirationDate: evidenced(ZExpiration).nullable(),
  /** Length of one renewal period, in months. */
  renewalTerm: evidenced(z.number().int().positive()).nullable(),
  /** Notice needed to stop a renewal (non-renewal / termination at term end), in days. */
  noticePeriodDays: evidenced(z.number().int().positive()).nullable(),
  governingLaw: evidenced(z.string().min(1)).nullable(),
  value: evidenced(ZMoney).nullable().optional(),
});
export type ExtractedTerms = z.infer<typeof ZExtractedTerms>;
export type Evidenced<T> = { value: T; evidence: Evidence };

export const SINGLE_VALUE_FIELDS = [
  'documentName',
  'agreementDate',
  'effectiveDate',
  'expirationDate',
  'renewalTerm',
  'noticePeriodDays',
  'governingLaw',
  'value',
] as const;

export function emptyTerms(): ExtractedTerms {
  return {
    documentName: null,
    parties: [],
    agreementDate: null,
    effectiveDate: null,
    expirationDate: null,
    renewalTerm: null,
    noticePeriodDays: null,
    governingLaw: null,
    value: null,
  };
}

/** Evidence for a slice of `text`; the one way rules build evidence so it is always exact. */
export function evidenceAt(text: string, start: number, end: number): Evidence {
  return { start, end, text: text.slice(start, end) };
}
