import { z } from 'zod';
import { ZCalendarDate, type CalendarDate } from './calendar-date.js';
import { ZContractRef } from './contract.js';
import { CURRENCY_EXPONENTS, parseAmountToMinor, type Money } from './money.js';
import { ZObligationKind, type ObligationKind } from './obligation.js';

/** Words people type for an obligation's kind. */
const KIND_ALIASES: Record<string, ObligationKind> = {
  payment: 'payment',
  pay: 'payment',
  milestone: 'payment',
  invoice: 'payment',
  deliverable: 'deliverable',
  delivery: 'deliverable',
  deliver: 'deliverable',
  review: 'review',
};

const OBLIGATION_USAGE = 'obligation C-2026-0042 payment 2027-01-15 Q1 milestone invoice [USD 12,000]';

const ZObligationText = z.object({
  ref: ZContractRef,
  kind: z
    .string()
    .transform((k) => KIND_ALIASES[k.toLowerCase()] ?? k)
    .pipe(ZObligationKind),
  dueDate: ZCalendarDate,
  title: z.string().trim().min(1, 'needs a title after the due date').max(200, 'title must be at most 200 characters'),
});

export interface ObligationText {
  ref: string;
  kind: ObligationKind;
  dueDate: CalendarDate;
  title: string;
  amount?: Money;
}

/** A trailing `USD 12,000` or `12,000 USD` on the title is the amount. */
function splitAmount(words: string[]): { words: string[]; amount?: Money } {
  if (words.length < 3) return { words };
  const [a, b] = words.slice(-2) as [string, string];
  for (const [code, figure] of [
    [a, b],
    [b, a],
  ] as const) {
    const currency = code.toUpperCase();
    if (!(currency in CURRENCY_EXPONENTS)) continue;
    const amountMinor = parseAmountToMinor(figure, currency);
    if (amountMinor !== undefined) return { words: words.slice(0, -2), amount: { amountMinor, currency } };
  }
  return { words };
}

/**
 * Reads `C-2026-0042 payment 2027-01-15 Q1 milestone invoice [USD 12,000]` (the arguments of the
 * `obligation` command in Slack and Teams). A problem names what is missing or wrong.
 */
export function parseObligationText(text: string): { ok: true; value: ObligationText } | { ok: false; problem: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { ok: false, problem: `needs a contract, a kind, a due date and a title, e.g. \`${OBLIGATION_USAGE}\`` };
  const [ref = '', kind = '', dueDate = '', ...rest] = words;
  const { words: titleWords, amount } = splitAmount(rest);
  const parsed = ZObligationText.safeParse({ ref, kind, dueDate, title: titleWords.join(' ') });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    const message =
      field === 'kind'
        ? `needs a kind after the contract: payment, deliverable or review (not "${kind}")`
        : field === 'dueDate'
          ? `needs a due date as YYYY-MM-DD after the kind (not "${dueDate}")`
          : field === 'ref'
            ? `needs a contract reference such as C-2026-0042 first (not "${ref}")`
            : issue.message;
    return { ok: false, problem: `${message}, e.g. \`${OBLIGATION_USAGE}\`` };
  }
  return { ok: true, value: { ...parsed.data, ...(amount ? { amount } : {}) } };
}
