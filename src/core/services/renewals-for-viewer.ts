import type { ApprovalPolicy } from '../domain/approval-policy.js';
import { personUserRefs } from '../domain/approver-identity.js';
import type { CalendarDate } from '../domain/calendar-date.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import type { RenewalRepository } from '../ports/renewal-repository.js';
import type { ChatMessage } from '../views/chat-message.js';
import { renewalsListMessage } from '../views/renewals-list-message.js';
import { listUpcomingRenewals, type UpcomingRenewals } from './list-upcoming-renewals.js';

/**
 * `/contract renewals [days]`: the upcoming renewals a person may see. People named in the
 * approval policy (managers, legal, finance) see the whole portfolio; anyone else sees the
 * contracts they own or requested.
 */
export async function renewalsForViewer(
  deps: { renewals: RenewalRepository; policy: ApprovalPolicy },
  input: { user: UserRef; days: number; today: CalendarDate },
): Promise<ChatMessage> {
  const { list, manager } = await upcomingRenewalsForViewer(deps, input);
  return renewalsListMessage(list, manager ? 'Upcoming renewals' : 'Your upcoming renewals');
}

/** The upcoming renewals a person may see (the list behind `renewalsForViewer`, e.g. for a chart); `manager` when they see them all. */
export async function upcomingRenewalsForViewer(
  deps: { renewals: RenewalRepository; policy: ApprovalPolicy },
  input: { user: UserRef; days: number; today: CalendarDate },
): Promise<{ list: UpcomingRenewals; manager: boolean }> {
  const manager = Object.values(deps.policy.people).some((p) => personUserRefs(p).some((u) => isSameUser(u, input.user)));
  const list = await listUpcomingRenewals(deps, { days: input.days, today: input.today, ...(manager ? {} : { viewer: input.user }) });
  return { list, manager };
}
