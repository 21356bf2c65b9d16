import type { ApprovalPolicy } from '../domain/approval-policy.js';
import { personUserRefs } from '../domain/approver-identity.js';
import type { CalendarDate } from '../domain/calendar-date.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import type { ChartRenderer } from '../ports/chart-renderer.js';
import type { Logger } from '../ports/logger.js';
import type { RenewalRepository } from '../ports/renewal-repository.js';
import type { ChatImage, ChatMessage } from '../views/chat-message.js';
import { renewalTimelineChart, timelineWindowDays } from '../views/renewal-charts.js';
import { renewalsListMessage } from '../views/renewals-list-message.js';
import { chartImage } from './chart-image.js';
import { listUpcomingRenewals, type UpcomingRenewals } from './list-upcoming-renewals.js';

export interface RenewalsViewDeps {
  renewals: RenewalRepository;
  policy: ApprovalPolicy;
  /** Draws the 12-month timeline that goes with the list; without it the answer is the list only. */
  charts?: ChartRenderer | undefined;
  /** Where a timeline that could not be drawn is reported (the list is sent all the same). */
  logger?: Logger | undefined;
}

/**
 * `/contract renewals [days]`: the upcoming renewals a person may see. People named in the
 * approval policy (managers, legal, finance) see the whole portfolio; anyone else sees the
 * contracts they own or requested. The list covers `days`; with a chart renderer the answer also
 * carries the picture of the year ahead (the same contracts' notice deadlines per month, by
 * decision) when there is any deadline in it.
 */
export async function renewalsForViewer(deps: RenewalsViewDeps, input: { user: UserRef; days: number; today: CalendarDate }): Promise<ChatMessage> {
  const { list, manager } = await upcomingRenewalsForViewer(deps, input);
  const viewer = manager ? {} : { viewer: input.user };
  const message = renewalsListMessage(list, manager ? 'Upcoming renewals' : 'Your upcoming renewals');
  if (!deps.charts) return message;
  const image = await timelineImage(deps, deps.charts, { ...input, ...viewer, title: manager ? 'Renewal timeline' : 'Your renewal timeline' });
  return image ? { ...message, image } : message;
}

/** The upcoming renewals a person may see (the list behind `renewalsForViewer`, e.g. for the playground's chart); `manager` when they see them all. */
export async function upcomingRenewalsForViewer(
  deps: Pick<RenewalsViewDeps, 'renewals' | 'policy'>,
  input: { user: UserRef; days: number; today: CalendarDate },
): Promise<{ list: UpcomingRenewals; manager: boolean }> {
  const manager = Object.values(deps.policy.people).some((p) => personUserRefs(p).some((u) => isSameUser(u, input.user)));
  const list = await listUpcomingRenewals(deps, { days: input.days, today: input.today, ...(manager ? {} : { viewer: input.user }) });
  return { list, manager };
}

/**
 * The 12-month timeline as a picture, or undefined when there is no deadline in the year ahead or
 * it cannot be drawn (logged: a chart never costs the person their list).
 */
async function timelineImage(
  deps: RenewalsViewDeps,
  charts: ChartRenderer,
  input: { user: UserRef; today: CalendarDate; viewer?: UserRef; title: string },
): Promise<ChatImage | undefined> {
  try {
    const year = await listUpcomingRenewals(deps, {
      days: timelineWindowDays(input.today),
      today: input.today,
      ...(input.viewer ? { viewer: input.viewer } : {}),
    });
    if (year.items.length === 0) return undefined;
    return (await chartImage(charts, renewalTimelineChart(year, input.title), `renewal-timeline-${input.today}.png`)).image;
  } catch (error) {
    deps.logger?.warn({ err: error, user: input.user.id }, 'renewal timeline could not be drawn; the renewals list is sent without it');
    return undefined;
  }
}
