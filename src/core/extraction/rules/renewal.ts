import { evidenceAt, type Evidenced } from '../extracted-terms.js';
import { durationInDays, durationInMonths, findDurations } from './numbers.js';
import { sentenceRanges, type Range } from './sentences.js';

const RENEWAL = /\b(?:renew\w*|extend\w*|extension)\b/i;
const RENEWAL_CONTEXT =
  /\b(?:automatic\w*|successive|additional|further|subsequent|consecutive|renewal\s+(?:term|period)|year[\s-]to[\s-]year|month[\s-]to[\s-]month|annual\w*|each|thereafter)\b/i;
const YEARLY = /\b(?:year[\s-]to[\s-]year|annual(?:ly)?|each\s+year|yearly)\b/i;
const MONTHLY = /\b(?:month[\s-]to[\s-]month|monthly)\b/i;
const NOTICE_LEAD = /\b(?:at\s+least|not\s+less\s+than|no\s+less\s+than|minimum\s+of|within|upon|giving|given|with|provides?|of)\s*$/i;
const NOTICE_TAIL = /^\W{0,3}\s*(?:'|’)?\s*(?:s\s+)?(?:prior|before|in\s+advance|advance|written|notice|preceding|following|after)/i;

function collapse(text: string, r: Range): string {
  return text.slice(r.start, r.end).replace(/\s+/g, ' ');
}

/** The agreement or its term is what renews: "this Agreement shall renew", "the Initial Term ... extended". */
const ABOUT_TERM =
  /\b(?:this|the|such)\s+(?:[\w-]+\s+){0,2}(?:agreement|contract|term|license|licence)\b|\b(?:initial|renewal|current)\s+term\b|\bterm\s+(?:hereof|of\s+this)\b/i;
const MUTUAL = /\bmutual(?:ly)?\s+(?:written\s+)?(?:agree\w*|consent)|\bupon\s+(?:the\s+)?(?:written\s+)?agreement\s+of\s+(?:both|the)\s+parties\b/i;
/** A definition ('"Annual Upgrade Offer" means ...') or a payment or price sentence: renewal words there are incidental. */
const INCIDENTAL =
  /["“”][^"“”]{1,60}["“”]\s+(?:shall\s+)?means?\b|\b(?:fees?|payments?|prices?|pricing|invoice\w*|royalt\w*)\b[^.;]{0,80}\b(?:increase|adjust\w*|payable|due|paid)\b/i;

function renewalSentences(text: string, sentences: Range[]): Range[] {
  return sentences.filter((s) => {
    const body = collapse(text, s);
    return (
      body.length < 1500 &&
      RENEWAL.test(body) &&
      RENEWAL_CONTEXT.test(body) &&
      ABOUT_TERM.test(body) &&
      !MUTUAL.test(body) &&
      !INCIDENTAL.test(body) &&
      !/\blicen[cs]e\s+(?:is|shall\s+be)\s+renew/i.test(body)
    );
  });
}

/** Length of each renewal period in months ("successive one (1) year periods" -> 12). */
export function extractRenewalTerm(text: string, sentences: Range[] = sentenceRanges(text)): Evidenced<number> | null {
  for (const s of renewalSentences(text, sentences)) {
    const body = text.slice(s.start, s.end);
    const renewAt = s.start + (RENEWAL.exec(body)?.index ?? 0);
    const durations = findDurations(text, s.start, s.end).filter((d) => {
      const tail = text.slice(d.end, d.end + 25);
      return durationInMonths(d) !== undefined && d.end > renewAt - 80 && !NOTICE_TAIL.test(tail);
    });
    // The period closest after the word "renew" is the renewal period, not the initial term;
    // "renew ... for annual periods" says it in words; a duration just before "renew" comes last.
    const after = durations.find((d) => d.start >= renewAt);
    const collapsed = collapse(text, { start: renewAt, end: s.end });
    const chosen = after ?? (YEARLY.test(collapsed) || MONTHLY.test(collapsed) ? undefined : durations[durations.length - 1]);
    if (chosen) return { value: durationInMonths(chosen)!, evidence: evidenceAt(text, s.start, s.end) };
    const whole = collapse(text, s);
    if (YEARLY.test(whole)) return { value: 12, evidence: evidenceAt(text, s.start, s.end) };
    if (MONTHLY.test(whole)) return { value: 1, evidence: evidenceAt(text, s.start, s.end) };
  }
  return null;
}

const NOTICE = /\b(?:notice|notif\w*|in\s+writing|written|informs?)\b/i;
const PERIOD_OF = /\b(?:periods?|terms?|renewals?|extensions?)\s+of\s*$/i;
/** Notice that stops a renewal: "unless either party gives notice of non-renewal", "elects not to renew". */
const STOPS_RENEWAL =
  /\b(?:non-?renew\w*|not\s+(?:to\s+)?(?:be\s+)?(?:renew|extend)\w*|(?:renew|extend)\w*[^.;]{0,250}\bunless\b|\bunless\b[^.;]{0,250}\b(?:renew|extend)\w*|intention\s+(?:not\s+)?to\s+(?:renew|terminate)|terminat\w*[^.;]{0,80}\b(?:renewal|extension)\s+(?:term|period))/i;
/** Notice given before the term ends: "at least 60 days prior to the end of the then-current term". */
const BEFORE_TERM_END =
  /\b(?:prior\s+to|before|preceding|in\s+advance\s+of)\s+(?:the\s+)?(?:end|expiration|expiry|termination|anniversary|conclusion)\s+(?:date\s+)?(?:of\s+)?(?:the|this|such|any|each|its)?\s*(?:then[\s-]+(?:current|existing|applicable)\s+|initial\s+|renewal\s+|extended\s+|current\s+|applicable\s+)*(?:term|period|agreement|contract|year)/i;
/** An evergreen term, ended by notice: "shall continue thereafter until terminated by either party on 30 days' notice". */
const EVERGREEN =
  /\b(?:continu\w*|remain\w*|in\s+effect|in\s+force)\b[^.;]{0,160}\buntil\s+(?:(?:it\s+is|this\s+\w+\s+is|so|otherwise)\s+)?(?:terminat\w*|cancel\w*|either\s+party\s+(?:terminat|cancel)\w*)|\bindefinitely\b|\byear[\s-]to[\s-]year\b|\bmonth[\s-]to[\s-]month\b/i;
/** Notices that are about something else: exercising an option to extend, curing a breach, insurance. */
const OPTION_TO_EXTEND =
  /\b(?:wish\w*|desir\w*|elect\w*|option|intend\w*|right)\s+to\s+(?:so\s+)?(?:extend|renew)\b|\bmutual\w*\s+(?:written\s+)?(?:agreement|consent)|\bagree\w*\s+in\s+writing\b|\b(?:may|can)\s+(?:extend|renew)\b[^.;]{0,120}\b(?:by|upon)\b/i;
const BREACH = /\b(?:breach\w*|default\w*|cure[ds]?|fail\w*\s+to\s+(?:observe|perform|pay|comply|cure)|insolv\w*|bankrupt\w*)\b/i;
const INSURANCE = /\b(?:insur\w*|polic(?:y|ies)|coverages?|underwriters?|certificates?\s+of\s+insurance)\b|\bmaterial\s+(?:modification|alteration|change)\b/i;
/** A duration that is a notice given ahead: "60 days prior", "days' written notice" (not "two years after"). */
const PRIOR_TAIL = /^\W{0,3}\s*(?:'|’)?\s*(?:s\s+)?(?:prior|before|in\s+advance|advance|written|notice|preceding)/i;
const NOT_MORE_THAN = /\b(?:nor|and\s+not|but\s+not|or)\s+(?:more|greater|longer)\s+than\s*$|\bno\s+(?:more|greater|longer)\s+than\s*$/i;

/**
 * Notice needed to stop a renewal, in days ("at least ninety (90) days prior to the end of the
 * term"), or to end an evergreen term. Every sentence is a candidate and the best one wins:
 * notice that stops a renewal or is given before the term ends counts; notice to exercise an
 * option to extend, cure periods and insurance cancellation notices do not.
 * "not less than 90 nor more than 180 days" gives 90.
 */
export function extractNoticePeriodDays(text: string, sentences: Range[] = sentenceRanges(text)): Evidenced<number> | null {
  let best: { score: number; value: number; s: Range } | undefined;
  for (const s of sentences) {
    const body = collapse(text, s);
    if (body.length > 1500 || !NOTICE.test(body)) continue;
    const stops = STOPS_RENEWAL.test(body);
    const termEnd = BEFORE_TERM_END.test(body);
    const evergreen = EVERGREEN.test(body) && /\bterminat\w*|\bcancel\w*/i.test(body);
    if (!stops && !termEnd && !evergreen) continue;
    const saysNonRenewal = /\bnon-?renew|\bnot\s+(?:to\s+)?(?:be\s+)?(?:renew|extend)/i.test(body);
    if (BREACH.test(body) && !saysNonRenewal) continue;
    if (INSURANCE.test(body)) continue;
    if (OPTION_TO_EXTEND.test(body) && !saysNonRenewal) continue;
    // Not the upper bound of "not less than X nor more than Y"; years only when they are the notice ("one year's prior notice").
    const durations = findDurations(text, s.start, s.end).filter((d) => {
      const lead = text.slice(Math.max(s.start, d.start - 30), d.start).replace(/\s+/g, ' ');
      if (NOT_MORE_THAN.test(lead)) return false;
      return d.unit !== 'year' || PRIOR_TAIL.test(text.slice(d.end, d.end + 25));
    });
    // "sixty (60) days prior" / "days' written notice" name a notice period outright; a duration
    // that only follows a lead word ("at least", "upon") is weaker, and never one that names a period
    // or term ("successive periods of twelve (12) months" is the renewal term, not the notice).
    const strong =
      durations.find((d) => PRIOR_TAIL.test(text.slice(d.end, d.end + 25))) ?? durations.find((d) => NOTICE_TAIL.test(text.slice(d.end, d.end + 25)));
    const weak = durations.find((d) => {
      const lead = text.slice(Math.max(s.start, d.start - 30), d.start).replace(/\s+/g, ' ');
      return NOTICE_LEAD.test(lead) && !PERIOD_OF.test(lead) && !/\bwithin\s*$/i.test(lead);
    });
    const chosen = strong ?? weak;
    if (!chosen) continue;
    const score = (stops ? 3 : 0) + (termEnd ? 2 : 0) + (evergreen ? 1 : 0) + (strong ? 1 : 0);
    if (!best || score > best.score) best = { score, value: durationInDays(chosen), s };
  }
  return best ? { value: best.value, evidence: evidenceAt(text, best.s.start, best.s.end) } : null;
}
