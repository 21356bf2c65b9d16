/** Numbers and durations as contracts write them: "ninety (90) days", "one-year", "36 months", "V years". */
import { parseRomanNumeral } from './headings.js';

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const NUMBER_WORD = `(?:${Object.keys(UNITS).join('|')}|hundred)`;
const WORD_NUMBER = `${NUMBER_WORD}(?:(?:\\s+and\\s+|[\\s-]+)${NUMBER_WORD})*`;

/** "thirty-six" -> 36, "one hundred and twenty" -> 120; undefined when not a number. */
export function parseNumberWords(words: string): number | undefined {
  let total = 0;
  let seen = false;
  for (const w of words.toLowerCase().split(/[\s-]+/)) {
    if (w === 'and' || w === '') continue;
    if (w === 'hundred') {
      total = (total || 1) * 100;
    } else if (w in UNITS) {
      total += UNITS[w]!;
    } else {
      return undefined;
    }
    seen = true;
  }
  return seen ? total : undefined;
}

export type DurationUnit = 'day' | 'week' | 'month' | 'year';

export interface DurationMatch {
  start: number;
  end: number;
  amount: number;
  unit: DurationUnit;
}

const DURATION = new RegExp(
  `\\b(?:(\\d{1,3})|(${WORD_NUMBER})|(?<!\\[\\s*)([IVX]{1,6}))(?:\\s*\\(\\s*(\\d{1,3})\\s*\\))?[\\s-]*` +
    `(?:\\(?\\s*(?:calendar|business|working|consecutive|full|contract|lease)\\s*\\)?\\s*)?(days?|weeks?|months?|years?)(?:\\s*\\(s\\))?\\b`,
  'gi',
);

/**
 * A Roman numeral as a duration's amount ("a term of V years", "III months"): capitals only, I to
 * XXX; a lone "I" (the pronoun) or "X" (a blank to fill) only when digits in parentheses confirm it.
 */
function romanAmount(numeral: string, confirmed: boolean): number | undefined {
  if (numeral !== numeral.toUpperCase()) return undefined;
  if ((numeral === 'I' || numeral === 'X') && !confirmed) return undefined;
  return parseRomanNumeral(numeral);
}

/** All durations in text[from, to), offsets into the full text. */
export function findDurations(text: string, from = 0, to = text.length): DurationMatch[] {
  const slice = text.slice(from, to);
  const found: DurationMatch[] = [];
  DURATION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DURATION.exec(slice)) !== null) {
    // The digits in parentheses are the legally controlling figure when both are written.
    const amount =
      m[4] !== undefined
        ? Number(m[4])
        : m[1] !== undefined
          ? Number(m[1])
          : m[2] !== undefined
            ? parseNumberWords(m[2])
            : romanAmount(m[3]!, m[4] !== undefined);
    if (amount === undefined || amount <= 0) continue;
    const unit = m[5]!.toLowerCase().replace(/s$/, '') as DurationUnit;
    found.push({ start: from + m.index, end: from + m.index + m[0].length, amount, unit });
  }
  return found;
}

export function durationInMonths(d: { amount: number; unit: DurationUnit }): number | undefined {
  if (d.unit === 'year') return d.amount * 12;
  if (d.unit === 'month') return d.amount;
  return undefined;
}

/** Days, counting a month as 30 and a year as 365 (how notice periods are usually meant). */
export function durationInDays(d: { amount: number; unit: DurationUnit }): number {
  if (d.unit === 'year') return d.amount * 365;
  if (d.unit === 'month') return d.amount * 30;
  if (d.unit === 'week') return d.amount * 7;
  return d.amount;
}
