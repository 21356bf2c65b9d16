import { addDays, daysBetween, type CalendarDate } from '../domain/calendar-date.js';
import { effectiveEndDate } from '../domain/contract.js';
import type { Money } from '../domain/money.js';
import { noticeDeadline } from '../domain/renewal-schedule.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { RenewalCandidate, RenewalDecisionKind, RenewalRepository } from '../ports/renewal-repository.js';

export interface UpcomingRenewal {
  contract: RenewalCandidate;
  termEnd: CalendarDate;
  deadline: CalendarDate;
  daysLeft: number;
  decision?: RenewalDecisionKind;
}

export interface UpcomingRenewals {
  from: CalendarDate;
  to: CalendarDate;
  items: UpcomingRenewal[];
  /** Contract values summed per currency (no FX conversion), largest first. */
  totals: Money[];
}

/**
 * Active contracts whose notice deadline falls within the next `days` days, soonest first, with
 * totals by currency: the managers' view and the weekly digest. With `viewer`, only the
 * contracts they own or requested.
 */
export async function listUpcomingRenewals(
  deps: { renewals: RenewalRepository },
  input: { days: number; today: CalendarDate; viewer?: UserRef },
): Promise<UpcomingRenewals> {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 730) {
    throw new AppError(AppErrorCode.InvalidInput, 'The window must be a whole number of days from 1 to 730.');
  }
  const to = addDays(input.today, input.days);
  const endBy = addDays(to, await deps.renewals.maxNoticePeriodDays());
  const items: UpcomingRenewal[] = [];
  for await (const batch of deps.renewals.candidatesEndingBy(endBy, 500)) {
    for (const contract of batch) {
      if (input.viewer && !isSameUser(contract.owner, input.viewer) && !isSameUser(contract.requester, input.viewer)) continue;
      const termEnd = effectiveEndDate(contract)!;
      const deadline = noticeDeadline(termEnd, contract.noticePeriodDays);
      if (deadline >= input.today && deadline <= to) items.push({ contract, termEnd, deadline, daysLeft: daysBetween(input.today, deadline) });
    }
  }
  items.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.contract.ref.localeCompare(b.contract.ref)));
  const decisions = await deps.renewals.findDecisions(items.map((i) => ({ contractId: i.contract.id, termEnd: i.termEnd })));
  const decided = new Map(decisions.map((d) => [`${d.contractId}:${d.termEnd}`, d.decision]));
  for (const item of items) {
    const d = decided.get(`${item.contract.id}:${item.termEnd}`);
    if (d) item.decision = d;
  }
  const sums = new Map<string, number>();
  for (const { contract } of items) {
    if (contract.value) sums.set(contract.value.currency, (sums.get(contract.value.currency) ?? 0) + contract.value.amountMinor);
  }
  const totals = [...sums].map(([currency, amountMinor]) => ({ currency, amountMinor })).sort((a, b) => b.amountMinor - a.amountMinor);
  return { from: input.today, to, items, totals };
}
