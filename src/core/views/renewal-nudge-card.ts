import { z } from 'zod';
import { daysBetween, ZCalendarDate, type CalendarDate } from '../domain/calendar-date.js';
import type { Contract } from '../domain/contract.js';
import { formatMoney } from '../domain/money.js';
import type { ChatMessage } from './chat-message.js';

/** Action ids the adapters route to startRenewal, letLapse, snoozeRenewal and reassignRenewal. */
export const RENEWAL_ACTIONS = {
  start: 'renewal.start',
  lapse: 'renewal.lapse',
  snooze: 'renewal.snooze',
  reassign: 'renewal.reassign',
} as const;

/** The button payload: which contract and which term the nudge was about. */
export const ZRenewalActionValue = z.object({ contractId: z.string().min(1), termEnd: ZCalendarDate });

export interface RenewalNudgeView {
  termEnd: CalendarDate;
  deadline: CalendarDate;
  /** Today in the reader's time zone. */
  today: CalendarDate;
}

function daysLeftText(days: number): string {
  if (days > 1) return `${days} days left`;
  if (days === 1) return '1 day left';
  if (days === 0) return 'the deadline is today';
  return `the deadline passed ${-days} day${days === -1 ? '' : 's'} ago`;
}

/** The nudge posted to the owner (and the renewals channel) before a notice deadline. */
export function renewalNudgeMessage(contract: Omit<Contract, 'versions'>, view: RenewalNudgeView): ChatMessage {
  const days = daysBetween(view.today, view.deadline);
  const left = daysLeftText(days);
  const what = contract.autoRenews
    ? `It renews automatically on ${view.termEnd} unless notice is given by ${view.deadline}.`
    : `It ends on ${view.termEnd}; decide by ${view.deadline} whether to renew it.`;
  const value = { contractId: contract.id, termEnd: view.termEnd };
  return {
    text: `Renewal: ${contract.ref} ${contract.title} (${contract.counterparty}): notice deadline ${view.deadline}, ${left}.`,
    card: {
      title: `Renewal decision due: ${contract.title}`,
      subtitle: `${contract.ref} · ${left}`,
      sections: [
        {
          kind: 'fields',
          fields: [
            { label: 'Counterparty', value: contract.counterparty },
            { label: 'Value', value: contract.value ? formatMoney(contract.value) : 'not stated' },
            { label: 'End date', value: view.termEnd },
            { label: 'Notice deadline', value: `${view.deadline} (${left})` },
            { label: 'Auto-renewal', value: contract.autoRenews ? `Yes${contract.renewalTermMonths ? `, ${contract.renewalTermMonths} months` : ''}` : 'No' },
            { label: 'Owner', value: contract.owner.displayName ?? contract.owner.email ?? 'unknown' },
          ],
        },
        { kind: 'text', text: what },
      ],
      actions: [
        { id: RENEWAL_ACTIONS.start, label: 'Start renewal', style: 'primary', value },
        { id: RENEWAL_ACTIONS.lapse, label: 'Let it lapse', style: 'danger', value },
        { id: RENEWAL_ACTIONS.snooze, label: 'Snooze 7 days', value },
        {
          id: RENEWAL_ACTIONS.reassign,
          label: 'Reassign',
          value,
          input: { id: 'new_owner', label: 'New owner', placeholder: '@someone or their e-mail', required: true },
        },
      ],
    },
  };
}

/**
 * After "let it lapse" on an auto-renewing contract: the ladder goes on as reminders to send the
 * written notice of non-renewal before the deadline (without it the contract renews).
 */
export function noticeReminderMessage(contract: Omit<Contract, 'versions'>, view: RenewalNudgeView): ChatMessage {
  const left = daysLeftText(daysBetween(view.today, view.deadline));
  const text =
    `Notice due: ${contract.ref} ${contract.title} renews automatically on ${view.termEnd} unless ${contract.counterparty} ` +
    `receives written notice of non-renewal by ${view.deadline} (${left}). It was decided to let it lapse: send the notice if you have not yet.`;
  return {
    text,
    card: { title: `Send notice of non-renewal: ${contract.title}`, subtitle: `${contract.ref} · ${left}`, sections: [{ kind: 'text', text }] },
  };
}
