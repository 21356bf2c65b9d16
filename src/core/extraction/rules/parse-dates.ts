import { isValidCalendarDate, type CalendarDate } from '../../domain/calendar-date.js';
import { parseNumberWords } from './numbers.js';

/** A date written in the text, with its exact span. */
export interface DateMatch {
  start: number;
  end: number;
  date: CalendarDate;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
// EDGAR text often splits ordinals ("20t h", "1s t").
const ORDINAL = '(?:\\s?(?:st|nd|rd|th|s\\s?t|t\\s?h|n\\s?d|r\\s?d))?';
const DAY_WORD =
  '(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[\\s-]\\w+|thirtieth|thirty[\\s-]first)';
const YEAR = '((?:19|20)\\d{2})';

const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};

function dayFromWord(word: string): number | undefined {
  const w = word.toLowerCase().replace(/[\s-]+/g, ' ');
  if (w in ORDINAL_WORDS) return ORDINAL_WORDS[w];
  const [tens, unit] = w.split(' ');
  const t = tens ? parseNumberWords(tens) : undefined;
  const u = unit ? ORDINAL_WORDS[unit] : undefined;
  return t !== undefined && u !== undefined ? t + u : undefined;
}

function monthNumber(name: string): number {
  return MONTHS[name.toLowerCase().slice(0, 3)] ?? 0;
}

function expandYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

function toDate(y: number, m: number, d: number): CalendarDate | undefined {
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isValidCalendarDate(iso) && y >= 1900 && y <= 2100 ? iso : undefined;
}

type Builder = (m: RegExpExecArray) => CalendarDate | undefined;

const PATTERNS: Array<[RegExp, Builder]> = [
  // January 1, 2020 / Jan. 1st 2020 / March 18. 2021
  [new RegExp(`\\b${MONTH}\\s+(\\d{1,2})${ORDINAL}\\s*[,.]?\\s*${YEAR}\\b`, 'gi'), (m) => toDate(Number(m[3]), monthNumber(m[1]!), Number(m[2]))],
  // 1st day of January, 2020 / 20t h day of November 2018 / first day of July, 2017
  [
    new RegExp(`\\b(?:(\\d{1,2})${ORDINAL}|${DAY_WORD})\\s+day\\s+of\\s+${MONTH}\\s*[,.]?\\s*(?:in\\s+the\\s+year\\s+)?${YEAR}\\b`, 'gi'),
    (m) => {
      const day = m[1] !== undefined ? Number(m[1]) : dayFromWord(m[2]!);
      return day === undefined ? undefined : toDate(Number(m[4]), monthNumber(m[3]!), day);
    },
  ],
  // 24 OCT 2011 / 15 April, 2009 / 5th March 2019
  [new RegExp(`\\b(\\d{1,2})${ORDINAL}\\s+${MONTH}\\s*,?\\s*${YEAR}\\b`, 'gi'), (m) => toDate(Number(m[3]), monthNumber(m[2]!), Number(m[1]))],
  // 2020-01-01
  [/\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/g, (m) => toDate(Number(m[1]), Number(m[2]), Number(m[3]))],
  // 01/01/2020, 3/21/08 (US order unless the first part cannot be a month), 1.4.2011 (European order)
  [
    /\b(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})\b(?![/.]\d)/g,
    (m) => {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const y = expandYear(m[4]!);
      const dayFirst = m[2] === '.' || a > 12;
      return dayFirst ? toDate(y, b, a) : toDate(y, a, b);
    },
  ],
];

/** Every complete date in the text, in order of position; overlapping matches keep the first. */
export function findDates(text: string): DateMatch[] {
  const all: DateMatch[] = [];
  for (const [re, build] of PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const date = build(m);
      if (date) all.push({ start: m.index, end: m.index + m[0].length, date });
    }
  }
  all.sort((x, y) => x.start - y.start || y.end - x.end);
  const kept: DateMatch[] = [];
  for (const d of all) {
    const last = kept[kept.length - 1];
    if (!last || d.start >= last.end) kept.push(d);
  }
  return kept;
}

/**
 * A month and year with the day not stated, `YYYY-MM`: "dated as of June __, 2010", "effective
 * as of March 2010", "made this ___ day of April, 2008". Never a date to count from: it is shown
 * as "June 2010 (day not stated)" and the person confirming the terms supplies the day.
 */
export type YearMonth = string & { readonly __brand?: 'YearMonth' };

const YEAR_MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isYearMonth(value: string): value is YearMonth {
  const m = YEAR_MONTH_RE.exec(value);
  return !!m && Number(m[1]) >= 1900 && Number(m[1]) <= 2100;
}

/** A date as precise as the text states it: a full day, or a month and year. */
export type DatePrecision = 'day' | 'month';

export function datePrecision(value: string): DatePrecision {
  return isYearMonth(value) ? 'month' : 'day';
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2010-06" -> "June 2010". */
export function formatYearMonth(value: YearMonth): string {
  const [y, m] = value.split('-');
  return `${MONTH_NAMES[Number(m) - 1]} ${y}`;
}

/** A month and year written in the text, with its exact span and whether the day is left blank. */
export interface PartialDateMatch {
  start: number;
  end: number;
  date: YearMonth;
  /** The day is a blank to fill ("June __, 2010", "___ day of April"), not just unstated ("March 2010"). */
  blankDay: boolean;
}

const BLANK = '(?:_{1,}|\\[\\s*_*\\s*\\]|\\(\\s*_*\\s*\\))';
const PARTIAL_PATTERNS: Array<[RegExp, boolean]> = [
  // June __, 2010 / June [ ], 2010
  [new RegExp(`\\b${MONTH}\\s*${BLANK}(?:\\s*${BLANK})*\\s*[,.]?\\s*${YEAR}\\b`, 'gi'), true],
  // ___ day of April, 2008 / this day of April 2008 (a blank left as spaces)
  [new RegExp(`(?:${BLANK}\\s*(?:th\\s+|st\\s+)?|\\bthis\\s+)day\\s+of\\s+${MONTH}\\s*[,.]?\\s*(?:in\\s+the\\s+year\\s+)?${YEAR}\\b`, 'gi'), true],
  // March 2010 / March, 2010 (not "March 1, 2010": full dates are found first and win)
  [new RegExp(`\\b${MONTH}\\s*,?\\s+${YEAR}\\b`, 'gi'), false],
];

/**
 * Every month-and-year date in the text that is not part of a complete date, in order of position.
 * `full` are the complete dates (from `findDates`); a partial match overlapping one is dropped.
 */
export function findPartialDates(text: string, full: DateMatch[] = findDates(text)): PartialDateMatch[] {
  const all: PartialDateMatch[] = [];
  for (const [re, blankDay] of PARTIAL_PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const monthName = m.slice(1).find((g) => g !== undefined && /^[a-z]/i.test(g));
      const year = m[m.length - 1];
      if (!monthName || !year) continue;
      const date = `${year}-${String(monthNumber(monthName)).padStart(2, '0')}`;
      if (!isYearMonth(date)) continue;
      const start = m.index;
      const end = m.index + m[0].length;
      if (full.some((d) => d.start < end && start < d.end)) continue;
      all.push({ start, end, date, blankDay });
    }
  }
  all.sort((x, y) => x.start - y.start || y.end - x.end);
  const kept: PartialDateMatch[] = [];
  for (const d of all) {
    const last = kept[kept.length - 1];
    if (!last || d.start >= last.end) kept.push(d);
  }
  return kept;
}

/** Parses a single date string, e.g. a value typed by a user or returned by an LLM. */
export function parseDate(text: string): CalendarDate | undefined {
  const found = findDates(text.trim());
  return found.length === 1 ? found[0]!.date : undefined;
}
