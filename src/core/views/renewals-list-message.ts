import { formatMoney } from '../domain/money.js';
import type { UpcomingRenewals } from '../services/list-upcoming-renewals.js';
import type { ChatMessage } from './chat-message.js';

const MAX_LINES = 40;

/** The upcoming-renewals list (`/contract renewals`, the weekly digest). */
export function renewalsListMessage(list: UpcomingRenewals, title = 'Upcoming renewals'): ChatMessage {
  const window = `notice deadlines ${list.from} to ${list.to}`;
  if (list.items.length === 0) {
    const text = `${title}: no active contract has a notice deadline between ${list.from} and ${list.to}.`;
    return { text, card: { title, subtitle: window, sections: [{ kind: 'text', text }] } };
  }
  const lines = list.items.slice(0, MAX_LINES).map(({ contract: c, deadline, daysLeft, termEnd, decision }) => {
    const owner = c.owner.displayName ?? c.owner.email ?? 'no owner name';
    const value = c.value ? formatMoney(c.value) : 'no value';
    const state = decision === 'renew' ? ' · renewal started' : decision === 'lapse' ? ' · letting lapse' : c.autoRenews ? ' · auto-renews' : '';
    return `• ${deadline} (${daysLeft} d) ${c.ref} ${c.title}, ${c.counterparty}: ${value}, owner ${owner}, ends ${termEnd}${state}`;
  });
  const more = list.items.length > MAX_LINES ? `\n…and ${list.items.length - MAX_LINES} more.` : '';
  const totals = list.totals.length > 0 ? list.totals.map(formatMoney).join(' · ') : 'no values stated';
  const count = `${list.items.length} contract${list.items.length === 1 ? '' : 's'}`;
  return {
    text: `${title}: ${count} with ${window}; total ${totals}.`,
    card: {
      title,
      subtitle: `${count} · ${window}`,
      sections: [{ kind: 'text', text: lines.join('\n') + more }, { kind: 'divider' }, { kind: 'fields', fields: [{ label: 'Total value', value: totals }] }],
    },
  };
}
