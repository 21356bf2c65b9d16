/**
 * CUAD's normalised answers turned into comparable values. CUAD writes dates `M/D/YY` with `[]`
 * for parts the contract leaves blank, renewal terms like "successive 1 year", notice periods like
 * "90 days", and separates alternatives with ";".
 */

export interface GoldDate {
  month?: number;
  day?: number;
  /** Known leading digits of the year: "1999", "99" (two-digit year) or "200" (from "200[]"). */
  year?: string;
}

export type GoldExpiration = GoldDate | 'perpetual';

function alternatives(answer: string | null | undefined): string[] {
  return (answer ?? '')
    .split(/;/)
    .map((a) => a.trim())
    .filter(Boolean);
}

function datePart(part: string): string | undefined {
  const known = part.replace(/\[\s*\]/g, '').trim();
  return known === '' ? undefined : known;
}

export function parseGoldDate(alt: string): GoldDate | undefined {
  const m = /^\s*([\d[\] ]+)\/([\d[\] ]+)\/([\d[\] ]+)\s*$/.exec(alt);
  if (!m) return undefined;
  const month = datePart(m[1]!);
  const day = datePart(m[2]!);
  const year = datePart(m[3]!);
  if (month === undefined && day === undefined && year === undefined) return undefined;
  return {
    ...(month !== undefined ? { month: Number(month) } : {}),
    ...(day !== undefined ? { day: Number(day) } : {}),
    ...(year !== undefined ? { year: year.replace(/\D/g, '') } : {}),
  };
}

export function parseGoldDates(answer: string | null | undefined): GoldDate[] {
  return alternatives(answer)
    .map(parseGoldDate)
    .filter((d): d is GoldDate => d !== undefined);
}

export function parseGoldExpirations(answer: string | null | undefined): GoldExpiration[] {
  return alternatives(answer).flatMap((alt): GoldExpiration[] => {
    if (/^perpetual$/i.test(alt)) return ['perpetual'];
    const d = parseGoldDate(alt);
    return d ? [d] : [];
  });
}

/**
 * Every known part of the gold date equals the predicted YYYY-MM-DD. A partial prediction
 * (YYYY-MM, the day not stated) is correct only where the gold itself has no day and its month
 * and year agree: it never counts against a gold that names the day.
 */
export function dateMatches(predicted: string, gold: GoldDate): boolean {
  const [y, m, d] = predicted.split('-');
  if (!y || !m) return false;
  if (d === undefined && (gold.day !== undefined || gold.month === undefined || gold.year === undefined)) return false;
  if (gold.month !== undefined && gold.month !== Number(m)) return false;
  if (gold.day !== undefined && gold.day !== Number(d)) return false;
  if (gold.year !== undefined) {
    // "99" is a two-digit year; "200" is the known start of a partly blank four-digit year.
    const ok = gold.year.length === 2 ? y.slice(2) === gold.year : y.startsWith(gold.year);
    if (!ok) return false;
  }
  return true;
}

export function expirationMatches(predicted: string, gold: GoldExpiration): boolean {
  if (gold === 'perpetual' || predicted === 'perpetual') return predicted === gold;
  return dateMatches(predicted, gold);
}

type Period = { amount: number; unit: 'day' | 'month' | 'year' } | 'perpetual';

function parsePeriods(answer: string | null | undefined): Period[] {
  return alternatives(answer?.replace(/,/g, ';')).flatMap((alt): Period[] => {
    if (/perpetual/i.test(alt)) return ['perpetual'];
    const m = /(\d+)\s*(day|month|year)/i.exec(alt);
    return m ? [{ amount: Number(m[1]), unit: m[2]!.toLowerCase() as 'day' | 'month' | 'year' }] : [];
  });
}

/** Renewal terms in months ("successive 1 year" -> 12); 'perpetual' stays a word. */
export function parseGoldRenewalMonths(answer: string | null | undefined): Array<number | 'perpetual'> {
  return parsePeriods(answer).flatMap((p): Array<number | 'perpetual'> => {
    if (p === 'perpetual') return ['perpetual'];
    if (p.unit === 'day') return [];
    return [p.unit === 'year' ? p.amount * 12 : p.amount];
  });
}

/** Notice periods in days ("90 days" -> 90, "3 months" -> 90, "1 year" -> 365). */
export function parseGoldNoticeDays(answer: string | null | undefined): number[] {
  return parsePeriods(answer).flatMap((p) => {
    if (p === 'perpetual') return [];
    return [p.unit === 'day' ? p.amount : p.unit === 'month' ? p.amount * 30 : p.amount * 365];
  });
}

/** Notice periods match within 2% (a month is 30 or 31 days; "12 months" vs 365 days). */
export function noticeMatches(predicted: number, gold: number): boolean {
  return Math.abs(predicted - gold) <= Math.max(1, gold * 0.02);
}

const JURISDICTION_FILLER = new Set([
  'the',
  'state',
  'of',
  'commonwealth',
  'province',
  'laws',
  'law',
  'usa',
  'us',
  'u',
  's',
  'a',
  'united',
  'states',
  'america',
]);

function jurisdictionTokens(name: string): Set<string> {
  return new Set(
    name
      .toLowerCase()
      .replace(/[^a-z ]+/g, ' ')
      .split(/\s+/)
      .filter((t) => t && !JURISDICTION_FILLER.has(t)),
  );
}

/** Same jurisdiction when one name's words are all in the other ("British Columbia" ~ "British Columbia, Canada"). */
export function jurisdictionMatches(predicted: string, gold: string): boolean {
  const p = jurisdictionTokens(predicted);
  const g = jurisdictionTokens(gold);
  if (p.size === 0 || g.size === 0) return false;
  const subset = (a: Set<string>, b: Set<string>) => [...a].every((t) => b.has(t));
  return subset(p, g) || subset(g, p);
}

export function goldJurisdictions(answer: string | null | undefined): string[] {
  return alternatives(answer);
}

const NAME_FILLER = new Set(['inc', 'llc', 'ltd', 'limited', 'corporation', 'corp', 'co', 'company', 'the', 'l', 'p', 'lp', 'plc', 'a', 'an', 'and', 'of']);

function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean);
}

/** Text overlap for names: one contains the other, or most of the distinctive words are shared. */
export function namesOverlap(predicted: string, gold: string): boolean {
  const p = nameTokens(predicted).join(' ');
  const g = nameTokens(gold).join(' ');
  if (!p || !g) return false;
  if (p.includes(g) || g.includes(p)) return Math.min(p.length, g.length) >= 2;
  const ps = new Set(nameTokens(predicted).filter((t) => !NAME_FILLER.has(t)));
  const gs = new Set(nameTokens(gold).filter((t) => !NAME_FILLER.has(t)));
  if (ps.size === 0 || gs.size === 0) return false;
  const shared = [...ps].filter((t) => gs.has(t)).length;
  return shared / Math.min(ps.size, gs.size) >= 0.5 && shared / Math.max(ps.size, gs.size) >= 0.34;
}
