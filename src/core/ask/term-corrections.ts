import { z } from 'zod';
import { ZCalendarDate } from '../domain/calendar-date.js';
import { ZContractType } from '../domain/contract.js';
import { parseAmountToMinor, ZCurrency } from '../domain/money.js';
import type { ProposedTerms } from '../domain/term-proposal.js';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };

/** "USD 120,000", "120000 EUR", "$1,500.50" → money. */
const ZMoneyText = z.string().transform((raw, ctx) => {
  const s = raw.trim().toUpperCase();
  const m = /^(?:([A-Z]{3})\s*|([$€£])\s*)?([\d,]+(?:\.\d{1,2})?)(?:\s*([A-Z]{3}))?$/.exec(s);
  const currency = m?.[1] ?? (m?.[2] ? SYMBOLS[m[2]] : undefined) ?? m?.[4];
  const parsedCurrency = ZCurrency.safeParse(currency);
  const minor = m && parsedCurrency.success ? parseAmountToMinor(m[3]!.replace(/,/g, ''), parsedCurrency.data) : undefined;
  if (!parsedCurrency.success || minor === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be an amount with a currency, e.g. USD 120,000' });
    return z.NEVER;
  }
  return { amountMinor: minor, currency: parsedCurrency.data };
});

const ZYesNo = z.union([
  z.boolean(),
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['yes', 'no', 'true', 'false'], { message: 'must be yes or no' }))
    .transform((v) => v === 'yes' || v === 'true'),
]);

/** Corrections a user types into the edit form (every field optional; blank means "keep"). */
export const ZTermCorrections = z.strictObject({
  title: opt(z.string().trim().min(1).max(200)),
  type: opt(ZContractType),
  counterparty: opt(z.string().trim().min(1).max(200)),
  value: opt(ZMoneyText),
  startDate: opt(ZCalendarDate),
  endDate: opt(ZCalendarDate),
  autoRenews: opt(ZYesNo),
  renewalTermMonths: opt(z.coerce.number().int().positive().max(1200)),
  noticePeriodDays: opt(z.coerce.number().int().nonnegative().max(3650)),
  governingLaw: opt(z.string().trim().max(120)),
});
export type TermCorrectionsInput = z.input<typeof ZTermCorrections>;

export function applyCorrections(terms: ProposedTerms, corrections: z.output<typeof ZTermCorrections>): ProposedTerms {
  const out: ProposedTerms = { ...terms };
  for (const [key, value] of Object.entries(corrections)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}
