import { z } from 'zod';
import { OBLIGATION_KIND_LABELS, type Obligation, type ObligationReminder } from '../domain/obligation.js';
import { formatMoney } from '../domain/money.js';
import type { ChatMessage } from './chat-message.js';

export const OBLIGATION_ACTIONS = { done: 'obligation.done' } as const;
/** `list`: the button is on a contract's obligation list, which is redrawn after the click. */
export const ZObligationActionValue = z.object({ obligationId: z.string().min(1), list: z.literal('1').optional() });

function when(daysLeft: number, dueDate: string): string {
  if (daysLeft > 1) return `due in ${daysLeft} days (${dueDate})`;
  if (daysLeft === 1) return `due tomorrow (${dueDate})`;
  if (daysLeft === 0) return `due today (${dueDate})`;
  return `overdue by ${-daysLeft} day${daysLeft === -1 ? '' : 's'} (was due ${dueDate})`;
}

/** The reminder DM'd to an obligation's owner; `daysLeft` counts from today in their time zone. */
export function obligationReminderMessage(o: Obligation, reminder: Pick<ObligationReminder, 'daysLeft'>): ChatMessage {
  const status = when(reminder.daysLeft, o.dueDate);
  const label = OBLIGATION_KIND_LABELS[o.kind];
  return {
    text: `${reminder.daysLeft < 0 ? 'Overdue' : 'Reminder'}: ${label.toLowerCase()} "${o.title}" for ${o.contractRef} is ${status}.`,
    card: {
      title: `${label}: ${o.title}`,
      subtitle: `${o.contractRef} · ${status}`,
      sections: [
        {
          kind: 'fields',
          fields: [
            { label: 'Contract', value: o.contractRef },
            { label: 'Due', value: o.dueDate },
            ...(o.amount ? [{ label: 'Amount', value: formatMoney(o.amount) }] : []),
            { label: 'Owner', value: o.owner.displayName ?? o.owner.email ?? 'unknown' },
          ],
        },
      ],
      actions: [{ id: OBLIGATION_ACTIONS.done, label: 'Mark done', style: 'primary', value: { obligationId: o.id } }],
    },
  };
}
