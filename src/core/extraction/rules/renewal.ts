import { evidenceAt, type Evidenced } from '../extracted-terms.js';
import { durationInDays, durationInMonths, findDurations } from './numbers.js';
import { sentenceRanges, type Range } from './sentences.js';

const RENEWAL = /\b(?:renew\w*|extend\w*|extension)\b/i;
const RENEWAL_CONTEXT = /\b(?:automatic\w*|successive|additional|further|subsequent|consecutive|renewal\s+(?:term|period)|year[\s-]to[\s-]year|month[\s-]to[\s-]month|annual\w*|each|thereafter)\b/i;
const YEARLY = /\b(?:year[\s-]to[\s-]year|annual(?:ly)?|each\s+year|yearly)\b/i;
const MONTHLY = /\b(?:month[\s-]to[\s-]month|monthly)\b/i;
const NOTICE_LEAD = /\b(?:at\s+least|not\s+less\s+than|no\s+less\s+than|minimum\s+of|within|upon|giving|given|with|provides?|of)\s*$/i;
const NOTICE_TAIL = /^\W{0,3}\s*(?:'|’)?\s*(?:s\s+)?(?:prior|before|in\s+advance|advance|written|notice|preceding|following|after)/i;

function collapse(text: string, r: Range): string {
  return text.slice(r.start, r.end).replace(/\s+/g, ' ');
}

function renewalSentences(text: string, sentences: Range[]): Range[] {
  return sentences.filter((s) => {
    const body = collapse(text, s);
    return body.length < 1500 && RENEWAL.test(body) && RENEWAL_CONTEXT.test(body) && !/\blicen[cs]e\s+(?:is|shall\s+be)\s+renew/i.test(body);
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
    // The period closest after the word "renew" is the renewal period, not the initial term.
    const chosen = durations.find((d) => d.start >= renewAt) ?? durations[durations.length - 1];
    if (chosen) return { value: durationInMonths(chosen)!, evidence: evidenceAt(text, s.start, s.end) };
    const collapsed = collapse(text, s);
    if (YEARLY.test(collapsed)) return { value: 12, evidence: evidenceAt(text, s.start, s.end) };
    if (MONTHLY.test(collapsed)) return { value: 1, evidence: evidenceAt(text, s.start, s.end) };
  }
  return null;
}

const NON_RENEWAL = /\b(?:renew\w*|non-?renew\w*|(?:expiration|expiry|end)\s+of\s+(?:the|this|such|any|each)\s+(?:then[\s-]+current\s+|initial\s+|renewal\s+|extended\s+)?(?:term|period)|then[\s-]+current\s+term|initial\s+term)\b/i;
const NOTICE = /\b(?:notice|notif\w*|in\s+writing|written)\b/i;
const PERIOD_OF = /\b(?:periods?|terms?|renewals?|extensions?)\s+of\s*$/i;

/** Notice needed to stop a renewal, in days ("at least ninety (90) days prior to the end of the term"). */
export function extractNoticePeriodDays(text: string, sentences: Range[] = sentenceRanges(text)): Evidenced<number> | null {
  for (const s of sentences) {
    const body = collapse(text, s);
    if (body.length > 1500 || !NON_RENEWAL.test(body) || !NOTICE.test(body)) continue;
    const durations = findDurations(text, s.start, s.end).filter((d) => d.unit !== 'year');
    // "sixty (60) days prior" / "days' written notice" name a notice period outright; a duration
    // that only follows a lead word ("of", "within") is weaker, and never one that names a period
    // or term ("successive periods of twelve (12) months" is the renewal term, not the notice).
    const strong = durations.find((d) => NOTICE_TAIL.test(text.slice(d.end, d.end + 25)));
    const weak = durations.find((d) => {
      const lead = text.slice(Math.max(s.start, d.start - 30), d.start).replace(/\s+/g, ' ');
      return NOTICE_LEAD.test(lead) && !PERIOD_OF.test(lead);
    });
    const chosen = strong ?? weak;
    if (chosen) return { value: durationInDays(chosen), evidence: evidenceAt(text, s.start, s.end) };
  }
  return null;
}
