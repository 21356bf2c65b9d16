import { addMonths, type CalendarDate } from '../../domain/calendar-date.js';
import { evidenceAt, type Evidenced } from '../extracted-terms.js';
import { HEADING_NUMBER } from './headings.js';
import { durationInMonths, findDurations, parseNumberWords } from './numbers.js';
import { findDates, findPartialDates, isYearMonth, type DateMatch, type PartialDateMatch, type YearMonth } from './parse-dates.js';
import { preambleEnd } from './preamble.js';
import { sentenceRanges, type Range } from './sentences.js';

const AGREEMENT_CUE = /(?:dated|as of|made|entered into|effective|executed|day of|date[d:]?|on)\s*(?:the\s*|this\s*)?[:,]?\s*$/i;

function before(text: string, pos: number, chars: number): string {
  return text.slice(Math.max(0, pos - chars), pos).replace(/\s+/g, ' ');
}

function after(text: string, pos: number, chars: number): string {
  return text.slice(pos, pos + chars).replace(/\s+/g, ' ');
}

function asEvidenced<D extends CalendarDate | YearMonth>(text: string, d: { start: number; end: number; date: D }): Evidenced<D> {
  return { value: d.date, evidence: evidenceAt(text, d.start, d.end) };
}

/** A contract date as precise as the text states it: `YYYY-MM-DD`, or `YYYY-MM` when the day is not stated. */
export type ContractDate = CalendarDate | YearMonth;

/**
 * The date the contract was made: the dated preamble, else a "Dated:" line anywhere. A cued
 * month and year with the day left blank or unstated ("dated as of June __, 2010") is returned as
 * `YYYY-MM` rather than dropped or guessed; a complete date elsewhere in the preamble does not
 * stand in for it.
 */
export function extractAgreementDate(
  text: string,
  dates: DateMatch[] = findDates(text),
  partials: PartialDateMatch[] = findPartialDates(text, dates),
): Evidenced<ContractDate> | null {
  const end = preambleEnd(text);
  const inPreamble = dates.filter((d) => d.start < end);
  const cued = inPreamble.find((d) => AGREEMENT_CUE.test(before(text, d.start, 40)));
  const cuedPartial = partials.find((d) => d.start < end && AGREEMENT_CUE.test(before(text, d.start, 40)));
  if (cuedPartial && (!cued || cuedPartial.start < cued.start)) return asEvidenced(text, cuedPartial);
  const chosen = cued ?? inPreamble[0] ?? dates.find((d) => /\b(?:dated|executed|made and entered into)\b[^.]{0,40}$/i.test(before(text, d.start, 60)));
  return chosen ? asEvidenced(text, chosen) : null;
}

const DEFINES_EFFECTIVE_AFTER = /^\W{0,4}\s*\(?\s*(?:the|hereinafter|herein)?[^)\d]{0,30}["“”']+\s*effective\s+date/i;
const DEFINES_EFFECTIVE_BEFORE =
  /(?:effective\s+date\b[^.]{0,50}?(?:shall\s+be|is|means)\s*:|effective\s+date["“”']*\s*(?:shall\s+)?(?:mean|means|is|shall\s+be|of|:)|effective\s*(?:as\s+of|on|from|beginning|date)?|(?:term|agreement)\b[^.]{0,60}?\b(?:beginning|begins|starting|starts)(?:\s+on|\s+as\s+of)?|commenc\w*\s*(?:on|as\s+of|from)?|come\s+into\s+(?:force|effect)\s*(?:as\s+of|on)?|enter\s+into\s+(?:force|effect)\s*(?:as\s+of|on)?|shall\s+begin\s+on)\s*(?:the\s*|this\s*)?[:,]?\s*$/i;
const EFFECTIVE_IS_AGREEMENT_DATE =
  /(?:effective|commenc\w*|enter\w*\s+into\s+(?:force|effect)|come\s+into\s+(?:force|effect)|["“]effective\s+date["”]\s*(?:shall\s+)?means?)\s+(?:as\s+of\s+|on\s+|from\s+|beginning\s+on\s+)?the\s+date\s+(?:first\s+(?:above\s+)?written|hereof|of\s+(?:this\s+agreement|its\s+signature|execution)|first\s+set\s+forth|it\s+is\s+signed)/i;

/**
 * When the contract takes effect: an explicit effective date, else the agreement date. An
 * explicit month and year ("effective as of March 2010") is returned as `YYYY-MM` when no
 * complete date is stated as the effective date.
 */
export function extractEffectiveDate(
  text: string,
  agreementDate: Evidenced<ContractDate> | null,
  dates: DateMatch[] = findDates(text),
  partials: PartialDateMatch[] = findPartialDates(text, dates),
): Evidenced<ContractDate> | null {
  const definesEffective = (d: { start: number; end: number }) =>
    DEFINES_EFFECTIVE_AFTER.test(after(text, d.end, 50)) || DEFINES_EFFECTIVE_BEFORE.test(before(text, d.start, 60));
  const explicit = dates.find(definesEffective);
  if (explicit) return asEvidenced(text, explicit);
  const partial = partials.find(definesEffective);
  if (partial) return asEvidenced(text, partial);
  // Effective "as of the date first above written": the agreement date. A contract that never
  // speaks of taking effect has no separate effective date, and one defined by an event
  // ("the Closing Date", "the date of last signature") cannot be known from the text.
  if (agreementDate && EFFECTIVE_IS_AGREEMENT_DATE.test(text)) return agreementDate;
  return null;
}

const TERM_SENTENCE =
  /\b(?:term|agreement|contract|period)\b[^.]*\b(?:continue|remain|expire|terminate|end|until|through|valid|in\s+effect|in\s+force|commence|begin|be\s+for|shall\s+be|is|effective|conclud)/i;
const PRIORITY_TERM = new RegExp(
  String.raw`\b(?:initial\s+term|term\s+of\s+(?:this|the)\s+(?:agreement|contract)|(?<!(?:during|throughout|within|of|after|in)\s)the\s+term\b|term\s+(?:is|shall|will)\b|(?:this|the)\s+(?:[\w-]+\s+)?(?:agreement|contract)\s+(?:shall|will|is|commences|continues|remains|begins)\b|^\W*(?:${HEADING_NUMBER}\s*)?(?:term|contract\s+period|agreement\s+period|term\s+of\s+execution)\b)`,
  'i',
);
const LICENSE_SENTENCE = /\b(?:licen[cs]es?|grants?|granted)\b/i;
const END_CUE =
  /(?:until|through|thru|to|-|–|(?:end|ends|ending|expire[sd]?|expiring|terminat\w*)(?:\s+(?:on|as\s+of|at\s+midnight\s+on|at))?|conclud\w*(?:\s+on)?|extended\s+to|and\s+end|(?:expiration|expiry|termination|end)\s+date\s*(?:is|shall\s+be)?\s*:?)\s*(?:and\s+including\s*)?(?:the\s*)?(?:(?:later|earlier)\s+of\s*:?\s*(?:\(\w+\)\s*)?)?$/i;
const PERPETUAL =
  /\b(?:indefinite(?:ly)?|in\s+perpetuity|perpetu(?:al|ity)|unlimited\s+period|(?:continue|remain)\w*\s+(?:in\s+(?:full\s+)?(?:force|effect)\s+)?(?:(?:thereafter|and\s+effect)\s+)*until\s+(?:it\s+is\s+|this\s+\w+\s+is\s+)?(?:terminated|termination)|until\s+(?:either|one|a|any)\s+party\s+(?:terminates|informs|gives|provides|notifies|elects))/i;
const STOP_AT_RENEWAL =
  /\b(?:renew\w*|thereafter\s+(?:renew|extend|continu|automatic)\w*|extended\s+(?:for|by)|extension|successive|additional\s+(?:term|period)|notice)\b/i;
/** A cover-page field or heading line: "TERM: November 1, 2014 to October 31, 2017", "Expiration Date: ...". */
const TERM_FIELD = new RegExp(
  String.raw`^\W*(?:${HEADING_NUMBER}\s*)?(?:term|contract\s+period|agreement\s+period|term\s+of\s+(?:the\s+)?agreement|(?:expiration|expiry|termination|end)\s+date)\s*[:.-]`,
  'i',
);
const ANNIVERSARY = /\b(\w+)(?:\s*\(\s*\d+\s*(?:st|nd|rd|th|t\s?h)?\s*\))?(?:[\s-]+years?)?\s+anniversary\b/i;

const ORDINAL_TO_NUMBER: Record<string, number> = {
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
  fifteenth: 15,
  twentieth: 20,
};

function termSentences(text: string, sentences: Range[]): Range[] {
  const candidates = sentences.filter((s) => {
    const body = text.slice(s.start, s.end).replace(/\s+/g, ' ');
    return body.length < 1200 && (TERM_SENTENCE.test(body) || TERM_FIELD.test(body) || /\bha(?:s|ve)\s+an?\s+(?:initial\s+)?term\b/i.test(body));
  });
  // Only sentences about the agreement's own term: "the Warranty Period means two years" is not it.
  return candidates.filter((s) => PRIORITY_TERM.test(text.slice(s.start, s.end).replace(/\s+/g, ' ').trim()));
}

/** A heading line that starts a sentence: "TERM AND RENEWAL\n", "ARTICLE IV - Term and Renewal\n". */
const LEADING_HEADING_LINE = new RegExp(String.raw`^\s*(?:${HEADING_NUMBER}\s*[-–:]?\s*)?[A-Za-z][A-Za-z ,&/'-]{0,60}[.:]?[ \t]*\n`, 'i');

function initialPart(text: string, s: Range): Range {
  const body = text.slice(s.start, s.end);
  // The heading's own words ("Term and Renewal") do not end the initial term's part.
  const skip = LEADING_HEADING_LINE.exec(body)?.[0].length ?? 0;
  const stop = STOP_AT_RENEWAL.exec(body.slice(skip));
  return stop ? { start: s.start, end: s.start + skip + stop.index } : s;
}

function explicitEnd(text: string, s: Range, dates: DateMatch[]): DateMatch | undefined {
  return dates.find((d) => d.start >= s.start && d.end <= s.end && END_CUE.test(before(text, d.start, 40)));
}

function termLengthMonths(text: string, part: Range): { months: number; start: number; end: number } | undefined {
  const body = text.slice(part.start, part.end);
  const anniversary = ANNIVERSARY.exec(body);
  if (anniversary) {
    const word = anniversary[1]!.toLowerCase();
    const years = ORDINAL_TO_NUMBER[word] ?? parseNumberWords(word);
    if (years) return { months: years * 12, start: part.start + anniversary.index, end: part.start + anniversary.index + anniversary[0].length };
  }
  for (const d of findDurations(text, part.start, part.end)) {
    const months = durationInMonths(d);
    const lead = before(text, d.start, 30);
    // "within one year", "one year after termination": a duration, but not the term's.
    if (months === undefined || /\b(?:within|after\s+the|following)\s*$/i.test(lead)) continue;
    return { months, start: d.start, end: d.end };
  }
  return undefined;
}

/** The sentence is about the agreement or its term: "The term of this Agreement ...", "This Agreement shall ...". */
const SUBJECT_IS_TERM = new RegExp(
  String.raw`^\W*(?:${HEADING_NUMBER}\s*)?(?:(?:term|term\s+(?:of\s+(?:the\s+)?agreement|and\s+termination)|duration)\b[.:\s-]*)?(?:\([a-z0-9]+\)\s*)?(?:(?:unless|except|subject|notwithstanding)[^,]{0,100},\s*)?(?:the\s+(?:initial\s+)?term\b|this\s+(?:[\w-]+\s+){0,3}(?:agreement|contract)\b|the\s+(?:[\w-]+\s+)?agreement\b)`,
  'i',
);
/** Sentences that mention a term but are about something else. */
const OTHER_PERIOD =
  /["“](?:contract|calendar|fiscal|lease|royalty|agreement|program)\s+(?:year|quarter|month)["”]|\b(?:calendar|contract|fiscal)\s+(?:year|quarter)["”]?\s+(?:shall\s+)?means?\b/i;
const TERM_TAIL =
  /\b(?:during|throughout)\s+the\s+term\b[^.;]{0,80}\b(?:and\s+for|thereafter|following|after)\b|\b(?:for\s+a\s+period\s+of|for)\s+[\w\s()-]{1,30}\s+(?:after|following)\s+(?:the\s+)?(?:termination|expiration|expiry)\b/i;
const NOT_TERM_TOPIC =
  /\b(?:pay|payment|payments|fees?|invoice\w*|audit\w*|books\s+and\s+records|insurance|warrant\w*|confidential\w*|non-?compet\w*|solicit\w*|price|pricing)\b/i;
/** A term that runs from an event, not a date: "ten years after the First Commercial Sale", "the later of". */
const EVENT_START =
  /\b(?:from|after|following|of)\s+(?:the\s+)?(?:date\s+of\s+)?(?:the\s+)?(?:first|initial)?\s*(?:commercial\s+(?:sale|launch)|(?:product\s+)?launch|delivery|shipment|acceptance|installation|completion|opening|closing|go[\s-]live|regulatory\s+approval)\b|\b(?:later|longer)\s+of\b/i;

interface TermReading {
  value: ContractDate | 'perpetual' | null;
  score: number;
  s: Range;
}

/** A month and year plus whole months: "2010-06" + 36 -> "2013-06" (the day stays unknown). */
function addMonthsToYearMonth(ym: YearMonth, months: number): YearMonth {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

function readTermSentence(text: string, s: Range, startDate: Evidenced<ContractDate> | null, dates: DateMatch[]): TermReading | undefined {
  const body = text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
  let score = SUBJECT_IS_TERM.test(body.slice(0, 220)) ? 3 : 0;
  if (OTHER_PERIOD.test(body)) score -= 5;
  if (TERM_TAIL.test(body)) score -= 4;
  if (NOT_TERM_TOPIC.test(body)) score -= 3;
  const end = explicitEnd(text, s, dates);
  if (end) return { value: end.date, score: score + 1, s };
  const part = initialPart(text, s);
  const length = termLengthMonths(text, part);
  if (length) {
    // An event-started term has no date to compute: no answer rather than a guess.
    if (EVENT_START.test(text.slice(part.start, part.end))) return { value: null, score, s };
    // A term stated from its own start date ("commencing on June 1, 1998 ... three years").
    const ownStart = dates.find((d) => d.start >= s.start && d.end <= s.end);
    const base = ownStart?.date ?? startDate?.value;
    if (!base) return undefined;
    // From a month and year, the end is known to the month only: "2013-06", never a guessed day.
    return { value: isYearMonth(base) ? addMonthsToYearMonth(base, length.months) : addMonths(base, length.months), score, s };
  }
  if (PERPETUAL.test(body) && !LICENSE_SENTENCE.test(body)) return { value: 'perpetual', score, s };
  return undefined;
}

/**
 * When the initial term ends: a stated end date, or the effective date plus a stated term
 * ("for a term of three (3) years from the Effective Date"), or 'perpetual' when the contract
 * runs until terminated. Every term sentence is read and the one most clearly about the
 * agreement's own term wins (not "Contract Year" definitions, confidentiality tails or payment
 * schedules); a term that runs from an event gives no date.
 */
export function extractExpirationDate(
  text: string,
  /** The effective date, else the agreement date: what a term "from the Effective Date" counts from. */
  startDate: Evidenced<ContractDate> | null,
  dates: DateMatch[] = findDates(text),
  sentences: Range[] = sentenceRanges(text),
): Evidenced<ContractDate | 'perpetual'> | null {
  let best: TermReading | undefined;
  for (const s of termSentences(text, sentences)) {
    const reading = readTermSentence(text, s, startDate, dates);
    if (reading && reading.score > -2 && (!best || reading.score > best.score)) best = reading;
  }
  if (!best || best.value === null) return null;
  return { value: best.value, evidence: evidenceAt(text, best.s.start, best.s.end) };
}
