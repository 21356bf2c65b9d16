import { addDays, type CalendarDate } from '../domain/calendar-date.js';
import { effectiveEndDate, STATUS_LABELS, type Contract } from '../domain/contract.js';
import { formatMoney } from '../domain/money.js';
import { noticeDeadline } from '../domain/renewal-schedule.js';
import { fillableSlots } from '../domain/approver-identity.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import type { AskDeps } from './ask-deps.js';
import { mentionedContracts } from './mentioned-contracts.js';
import type { StructuredQuery } from './structured-query.js';

const MAX_LINES = 25;

function name(u: UserRef): string {
  return u.displayName ?? u.email ?? u.id;
}

function label(c: Contract): string {
  return `${c.ref} ${c.title} (${c.counterparty})`;
}

function listText(heading: string, lines: string[], empty: string): string {
  if (lines.length === 0) return empty;
  const shown = lines.slice(0, MAX_LINES).map((l) => `• ${l}`);
  if (lines.length > MAX_LINES) shown.push(`… and ${lines.length - MAX_LINES} more`);
  return `${heading}\n${shown.join('\n')}`;
}

function renewalsDue(visible: readonly Contract[], today: CalendarDate, days: number): string {
  const until = addDays(today, days);
  const rows = visible
    .filter((c) => c.status === 'active')
    .flatMap((c) => {
      const end = effectiveEndDate(c);
      if (!end || end < today) return [];
      const deadline = noticeDeadline(end, c.noticePeriodDays);
      const due = deadline < today ? end : deadline;
      return due <= until ? [{ c, end, deadline, due }] : [];
    })
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.c.ref.localeCompare(b.c.ref)));
  const lines = rows.map(({ c, end, deadline }) => {
    const notice = c.noticePeriodDays ? `notice deadline ${deadline} (${c.noticePeriodDays} days), ` : '';
    return `${label(c)}: ${notice}term ends ${end}, ${c.autoRenews ? 'auto-renews' : 'does not auto-renew'}, owner ${name(c.owner)}`;
  });
  return listText(
    `${rows.length} renewal${rows.length === 1 ? '' : 's'} due in the next ${days} days (to ${until}):`,
    lines,
    `No renewals are due in the next ${days} days (to ${until}).`,
  );
}

function counterpartyContracts(visible: readonly Contract[], counterparty: string): string {
  const needle = counterparty.toLowerCase();
  const found = visible.filter((c) => c.counterparty.toLowerCase().includes(needle));
  const lines = found.map(
    (c) => `${label(c)}: ${STATUS_LABELS[c.status]}${c.value ? `, ${formatMoney(c.value)}` : ''}${effectiveEndDate(c) ? `, ends ${effectiveEndDate(c)}` : ''}`,
  );
  return listText(
    `${found.length} contract${found.length === 1 ? '' : 's'} with "${counterparty}":`,
    lines,
    `I found no contracts with "${counterparty}" that you can see.`,
  );
}

function contractStatus(visible: readonly Contract[], ref: string | null, counterparty: string | null): string {
  const found = ref
    ? visible.filter((c) => c.ref === ref.toUpperCase())
    : counterparty
      ? visible.filter((c) => c.counterparty.toLowerCase().includes(counterparty.toLowerCase()))
      : [];
  if (found.length === 0) return `I found no contract ${ref ?? `with "${counterparty ?? ''}"`} that you can see.`;
  return found
    .slice(0, MAX_LINES)
    .map((c) => {
      const end = effectiveEndDate(c);
      return `${label(c)} is ${STATUS_LABELS[c.status].toLowerCase()}; owner ${name(c.owner)}, requested by ${name(c.requester)}${end ? `; term ends ${end}` : ''}.`;
    })
    .join('\n');
}

function totalsByCurrency(visible: readonly Contract[], status: Contract['status'] | null): string {
  const wanted = status ?? 'active';
  const totals = new Map<string, { sum: number; count: number }>();
  let noValue = 0;
  for (const c of visible) {
    if (c.status !== wanted) continue;
    if (!c.value) {
      noValue++;
      continue;
    }
    const t = totals.get(c.value.currency) ?? { sum: 0, count: 0 };
    t.sum += c.value.amountMinor;
    t.count++;
    totals.set(c.value.currency, t);
  }
  const lines = [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, t]) => `${formatMoney({ amountMinor: t.sum, currency })} across ${t.count} contract${t.count === 1 ? '' : 's'}`);
  const tail = noValue > 0 ? `\n(${noValue} ${STATUS_LABELS[wanted].toLowerCase()} contract${noValue === 1 ? ' has' : 's have'} no value recorded.)` : '';
  return (
    listText(
      `Total value of ${STATUS_LABELS[wanted].toLowerCase()} contracts, by currency:`,
      lines,
      `No ${STATUS_LABELS[wanted].toLowerCase()} contracts with a value.`,
    ) + tail
  );
}

async function waitingOnMe(deps: Pick<AskDeps, 'approvals'>, visible: readonly Contract[], user: UserRef, today: CalendarDate): Promise<string> {
  const lines: string[] = [];
  for (const round of await deps.approvals.listPendingRounds()) {
    if (round.status !== 'pending') continue;
    const stage = round.stages[round.currentStage];
    if (!stage) continue;
    const slots = fillableSlots(stage, user);
    if (slots.length === 0) continue;
    const decided = new Set((await deps.approvals.listDecisions(round.id)).filter((d) => d.stageIndex === round.currentStage).map((d) => d.slotIndex));
    if (slots.every((s) => decided.has(s))) continue;
    lines.push(`Approve or reject ${round.contractRef}: ${stage.name} (round ${round.round})`);
  }
  const soon = addDays(today, 30);
  for (const c of visible) {
    if (c.status !== 'active' || !isSameUser(c.owner, user)) continue;
    const end = effectiveEndDate(c);
    if (!end || end < today) continue;
    const deadline = noticeDeadline(end, c.noticePeriodDays);
    if (deadline >= today && deadline <= soon) lines.push(`Decide on renewing ${label(c)}: notice deadline ${deadline}`);
  }
  return listText(`${lines.length} thing${lines.length === 1 ? '' : 's'} waiting on you:`, lines, 'Nothing is waiting on you.');
}

/** Answers a structured question exactly from the contracts the user may see. */
export async function runStructuredQuery(
  deps: Pick<AskDeps, 'approvals'>,
  query: StructuredQuery,
  ctx: { user: UserRef; visible: readonly Contract[]; today: CalendarDate; question: string },
): Promise<string> {
  switch (query.kind) {
    case 'renewals_due':
      return renewalsDue(ctx.visible, ctx.today, query.args.days);
    case 'counterparty_contracts': {
      // Prefer the counterparty as the visible contracts spell it, so "acme" finds "Acme Corp".
      const named = mentionedContracts(query.args.counterparty, ctx.visible)[0]?.counterparty;
      return counterpartyContracts(ctx.visible, named ?? query.args.counterparty);
    }
    case 'contract_status':
      return contractStatus(ctx.visible, query.args.ref, query.args.counterparty);
    case 'totals_by_currency':
      return totalsByCurrency(ctx.visible, query.args.status);
    case 'waiting_on_me':
      return waitingOnMe(deps, ctx.visible, ctx.user, ctx.today);
  }
}
