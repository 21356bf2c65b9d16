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

/** One nudge delivery that can never be made: who it was for, and the platform's reason. */
export interface UnreachableNudgeTarget {
  who: string;
  reason: string;
}

/** The platform's reason for a permanently undeliverable message, in plain words (the code itself in brackets). */
function plainUndeliverableReason(reason: string): string {
  const plain: Array<[RegExp, string]> = [
    [/user_not_found|users_not_found/, 'their chat account was not found (deleted, or in another workspace)'],
    [/account_inactive/, 'their chat account is deactivated'],
    [/channel_not_found/, 'the channel does not exist or the bot cannot see it'],
    [/is_archived/, 'the channel is archived'],
    [/not_in_channel/, 'the bot is not a member of the channel'],
    [/HTTP 403/, 'the bot was removed or blocked in Teams'],
    [/HTTP 404/, 'Teams has no such conversation'],
    [/never talked to the bot/, 'they have never talked to the bot in Teams, so it cannot message them'],
    [/not been added to this channel/, 'the bot has not been added to the channel'],
  ];
  const found = plain.find(([pattern]) => pattern.test(reason));
  return found ? `${found[1]} (${reason})` : reason;
}

/**
 * Told to the renewals channel (or the admins) when a renewal nudge can never reach its owner or
 * channel: the nudge itself (contract, deadline and, where it has them, the same buttons), headed
 * by who could not be reached, why, and what to do.
 */
export function undeliverableNudgeMessage(
  nudge: ChatMessage,
  about: { contractRef: string; deadline: string; unreachable: readonly UnreachableNudgeTarget[] },
): ChatMessage {
  const who = about.unreachable.map((u) => `${u.who}: ${plainUndeliverableReason(u.reason)}`).join('; ');
  const button = nudge.card?.actions?.some((a) => a.id === RENEWAL_ACTIONS.reassign) ? ' (the Reassign button below)' : '';
  const todo = `Reassign the contract's owner${button} or fix their chat account or the channel, so someone acts before the notice deadline ${about.deadline}.`;
  const problem = `The renewal nudge for ${about.contractRef} could not be delivered to ${who}.`;
  return {
    text: `Nudge not delivered: ${problem} ${todo} ${nudge.text}`,
    card: {
      title: `Renewal nudge not delivered: ${about.contractRef}`,
      ...(nudge.card?.subtitle ? { subtitle: nudge.card.subtitle } : {}),
      sections: [
        { kind: 'text', text: problem },
        { kind: 'text', text: todo },
        { kind: 'divider' },
        ...(nudge.card?.sections ?? [{ kind: 'text', text: nudge.text }]),
      ],
      ...(nudge.card?.actions ? { actions: nudge.card.actions } : {}),
    },
  };
}
