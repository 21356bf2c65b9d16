import { z } from 'zod';

/** ISO 4217 currencies and their minor-unit exponents (the ones a contract desk meets). */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  INR: 2,
  CNY: 2,
  HKD: 2,
  SGD: 2,
  BRL: 2,
  MXN: 2,
  ZAR: 2,
  ILS: 2,
  AED: 2,
  SAR: 2,
  TRY: 2,
  JPY: 0,
  KRW: 0,
  CLP: 0,
  ISK: 0,
  KWD: 3,
  BHD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
};

export const ZCurrency = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => s in CURRENCY_EXPONENTS, { message: 'must be an ISO 4217 currency code such as USD or EUR' });

/** Money as an integer count of minor units (cents) in an ISO currency. */
export const ZMoney = z.object({
  amountMinor: z.number().int().nonnegative(),
  currency: ZCurrency,
});
export type Money = z.infer<typeof ZMoney>;

export function minorUnitExponent(currency: string): number {
  return CURRENCY_EXPONENTS[currency] ?? 2;
}

/**
 * Parses a human amount ("25,000", "25000.50", "1.5k", "2m") into minor units.
 * Returns undefined for anything that is not a clean non-negative amount.
 */
export function parseAmountToMinor(text: string, currency: string): number | undefined {
  const cleaned = text
    .trim()
    .replace(/[,\s_]/g, '')
    .replace(/^[$€£]/, '');
  const m = /^(\d+(?:\.\d+)?)([kKmM])?$/.exec(cleaned);
  if (!m) return undefined;
  const multiplier = m[2] ? (m[2].toLowerCase() === 'k' ? 1_000 : 1_000_000) : 1;
  const exp = minorUnitExponent(currency);
  const [whole, frac = ''] = m[1]!.split('.');
  if (!m[2] && frac.length > exp) return undefined;
  const value = Number(`${whole}.${frac || '0'}`) * multiplier;
  const minor = Math.round(value * 10 ** exp);
  return Number.isSafeInteger(minor) ? minor : undefined;
}

/** Major units as a number, for comparing against policy thresholds written in major units. */
export function toMajorUnits(money: Money): number {
  return money.amountMinor / 10 ** minorUnitExponent(money.currency);
}

export function formatMoney(money: Money): string {
  const exp = minorUnitExponent(money.currency);
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: exp,
    maximumFractionDigits: exp,
  }).format(money.amountMinor / 10 ** exp);
}
