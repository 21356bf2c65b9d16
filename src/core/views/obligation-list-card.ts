import { daysBetween, type CalendarDate } from '../domain/calendar-date.js';
import type { Contract } from '../domain/contract.js';
import { formatMoney } from '../domain/money.js';
import { OBLIGATION_KIND_LABELS, type Obligation } from '../domain/obligation.js';
import type { CardAction, ChatMessage } from './chat-message.js';
import { OBLIGATION_ACTIONS } from './obligation-reminder-card.js';

const who = (u: Obligation['owner'] | undefined) => u?.displayName ?? u?.email ?? 'someone';

function describe(o: Obligation): string {
  return `${OBLIGATION_KIND_LABELS[o.kind].toLowerCase()} "${o.title}"${o.amount ? ` (${formatMoney(o.amount)})` : ''}`;
}

function stateOf(o: Obligation, today: CalendarDate): string {
  if (o.status === 'done') return `done${o.completedBy ? ` by ${who(o.completedBy)}` : ''}`;
  const days = daysBetween(today, o.dueDate);
  if (days < 0) return `overdue by ${-days} day${days === -1 ? '' : 's'}`;
  if (days === 0) return 'due today';
  return `due in ${days} day${days === 1 ? '' : 's'}`;
}

/** The answer to recording an obligation (or recording the same one again). */
export function obligationRecordedMessage(o: Obligation, created: boolean): ChatMessage {
  const text = created
    ? `Recorded for ${o.contractRef}: ${describe(o)}, due ${o.dueDate}, owner ${who(o.owner)}. Clause reminds ${who(o.owner)} 7 days and 1 day before, on the day, and daily while it is overdue.`
    : `Already recorded for ${o.contractRef}: ${describe(o)}, due ${o.dueDate} (${o.status === 'done' ? 'done' : 'open'}). Nothing was added.`;
  return { text };
}

/** A contract's obligations, soonest first, each open one with its own Mark done button. */
export function obligationListMessage(
  contract: Pick<Contract, 'ref' | 'title'>,
  obligations: readonly Obligation[],
  today: CalendarDate,
  note?: string,
): ChatMessage {
  const title = `Obligations of ${contract.ref} ${contract.title}`;
  if (obligations.length === 0) {
    return { text: `${contract.ref} has no obligations recorded. Add one with \`obligation ${contract.ref} payment YYYY-MM-DD <title>\`.` };
  }
  const sorted = [...obligations].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  const lines = sorted.map((o) => `• ${o.dueDate} ${describe(o)}, owner ${who(o.owner)}: ${stateOf(o, today)}`);
  const actions: CardAction[] = sorted
    .filter((o) => o.status === 'open')
    .map((o) => ({ id: OBLIGATION_ACTIONS.done, label: `Done: ${o.title}`.slice(0, 70), value: { obligationId: o.id, list: '1' } }));
  return {
    text: `${note ? `${note}\n` : ''}${title}:\n${lines.join('\n')}`,
    card: {
      title,
      sections: [...(note ? [{ kind: 'context' as const, text: note }] : []), { kind: 'text', text: lines.join('\n') }],
      ...(actions.length > 0 ? { actions } : {}),
    },
  };
}
