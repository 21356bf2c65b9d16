import type { Contract } from '../domain/contract.js';
import { mentionedCounterparty, refsIn } from './mentioned-contracts.js';
import type { StructuredQuery } from './structured-query.js';

export type ParsedQuestion = StructuredQuery | { kind: 'wording' };

const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, quarter: 91, year: 365 };

function windowDays(q: string): number | undefined {
  const m = /\b(?:next|within|in|coming)\s+(?:the\s+)?(\d{1,4}|a|one|two|three|six)?\s*(day|week|month|quarter|year)s?\b/.exec(q);
  if (m) {
    const words: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, six: 6 };
    const n = m[1] === undefined ? 1 : (words[m[1]] ?? Number(m[1]));
    return n * UNIT_DAYS[m[2]!]!;
  }
  if (/\bthis (?:month)\b/.test(q)) return 30;
  if (/\bthis quarter\b/.test(q)) return 91;
  if (/\bthis year\b/.test(q)) return 365;
  return undefined;
}

/**
 * The built-in reading of common phrasings, used when no LLM is configured or it fails.
 * Anything it does not recognise is a question about contract wording.
 */
export function parseQuestion(question: string, visible: readonly Contract[]): ParsedQuestion {
  const q = question.toLowerCase().replace(/\s+/g, ' ').trim();

  if (/\b(wait(?:s|ing)? (?:on|for) me|my (?:pending )?approvals?|do i (?:need|have) to (?:approve|review|decide)|on my plate|my queue)\b/.test(q)) {
    return { kind: 'waiting_on_me', args: {} };
  }
  if (
    /\b(renewals?|renew(?:s|ing)?|expir(?:e|es|ing|y)|notice deadlines?)\b/.test(q) &&
    /\b(due|coming|upcoming|next|within|soon|this|which|what|any|list)\b/.test(q) &&
    !/\bnotice period\b/.test(q)
  ) {
    return { kind: 'renewals_due', args: { days: windowDays(q) ?? 90 } };
  }
  if (/\b(total|sum|how much|combined|aggregate)\b/.test(q) && /\b(value|worth|contracts?|portfolio|spend|revenue)\b/.test(q)) {
    return { kind: 'totals_by_currency', args: { status: /\bdraft/.test(q) ? 'draft' : null } };
  }
  const refs = refsIn(question);
  const counterparty = mentionedCounterparty(question, visible);
  if (/\b(status|who owns|owner|who is responsible|where is|state of|stage)\b/.test(q) && (refs.length > 0 || counterparty)) {
    return { kind: 'contract_status', args: { ref: refs[0] ?? null, counterparty: refs.length > 0 ? null : (counterparty ?? null) } };
  }
  const withMatch = /\b(?:contracts?|agreements?|deals?|what do we have|anything)\b(?:[a-z ]{0,30}?)\b(?:with|for|from) (.+?)\??$/.exec(q);
  if (withMatch && !/\b(say|says|clause|terminate|notice period|liabil|warrant|indemn)\b/.test(q)) {
    return { kind: 'counterparty_contracts', args: { counterparty: counterparty ?? withMatch[1]!.replace(/^the /, '').trim() } };
  }
  if (refs.length > 0 && q.replace(/c-\d{4}-\d{4,}/g, '').replace(/[^a-z]/g, '').length < 12) {
    return { kind: 'contract_status', args: { ref: refs[0]!, counterparty: null } };
  }
  return { kind: 'wording' };
}
