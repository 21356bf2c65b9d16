import type { UpcomingRenewal, UpcomingRenewals } from '../../src/core/services/list-upcoming-renewals.js';

/** An upcoming renewal with only what the charts read. */
export function upcoming(ref: string, deadline: string, value?: [number, string], decision?: 'renew' | 'lapse'): UpcomingRenewal {
  const contract = { ref, title: `${ref} title`, counterparty: `${ref} Inc`, ...(value ? { value: { amountMinor: value[0], currency: value[1] } } : {}) };
  return { contract: contract as UpcomingRenewal['contract'], termEnd: deadline, deadline, daysLeft: 0, ...(decision ? { decision } : {}) };
}

export function listOf(from: string, to: string, items: UpcomingRenewal[]): UpcomingRenewals {
  const sums = new Map<string, number>();
  for (const i of items) if (i.contract.value) sums.set(i.contract.value.currency, (sums.get(i.contract.value.currency) ?? 0) + i.contract.value.amountMinor);
  return { from, to, items, totals: [...sums].map(([currency, amountMinor]) => ({ currency, amountMinor })).sort((a, b) => b.amountMinor - a.amountMinor) };
}
