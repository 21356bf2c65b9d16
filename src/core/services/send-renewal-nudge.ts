import { calendarDateIn, type CalendarDate } from '../domain/calendar-date.js';
import type { RenewalCandidate } from '../ports/renewal-repository.js';
import type { OutboxDelivery } from '../ports/outbox.js';
import { noticeReminderMessage, renewalNudgeMessage } from '../views/renewal-nudge-card.js';
import { renewalNudgedEvent } from '../views/webhook-events.js';
import { deliverOutboxItem, type DeliveryResult } from './deliver-outbox-item.js';
import { todayFor } from './today-for.js';
import type { RenewalDeps } from './renewal-deps.js';

export const nudgeId = (contractId: string, termEnd: CalendarDate, offset: number) => `${contractId}:${termEnd}:${offset}`;
/** The one follow-up nudge after a snooze that ended on `until`. */
export const snoozeFollowUpId = (contractId: string, termEnd: CalendarDate, until: CalendarDate) => `${contractId}:${termEnd}:snooze-${until}`;

export interface DueNudge {
  termEnd: CalendarDate;
  deadline: CalendarDate;
  offset: number;
  /** Earlier offsets of this term that were missed (downtime): recorded as skipped, never sent. */
  skipped: readonly number[];
  /** Claim under this id instead of the ladder's (a snooze follow-up). */
  id?: string;
  /** Further ids to record as skipped (a snooze follow-up made redundant by this nudge). */
  alsoSkip?: readonly string[];
  /** The owner chose to let an auto-renewing contract lapse: remind them to send the notice instead. */
  noticeOnly?: boolean;
}

export type NudgeOutcome = DeliveryResult | 'taken';

/**
 * Claims one nudge (insert `contractId:termEnd:offset`) and, if this call won it, sends it to
 * the owner (DM, "today" in their time zone) and the renewals channel. Losing the claim means
 * another worker or an earlier scan has it: nothing is sent.
 */
export async function sendRenewalNudge(deps: RenewalDeps, contract: RenewalCandidate, due: DueNudge): Promise<NudgeOutcome> {
  const now = deps.clock.now();
  const view = { termEnd: due.termEnd, deadline: due.deadline };
  const render = due.noticeOnly ? noticeReminderMessage : renewalNudgeMessage;
  const deliveries: OutboxDelivery[] = [
    { target: { kind: 'user', user: contract.owner }, message: render(contract, { ...view, today: await todayFor(deps, contract.owner, now) }) },
  ];
  if (deps.settings.renewalsChannel) {
    deliveries.push({ target: deps.settings.renewalsChannel, message: render(contract, { ...view, today: calendarDateIn(now, 'UTC') }) });
  }
  const item = {
    id: due.id ?? nudgeId(contract.id, due.termEnd, due.offset),
    kind: due.noticeOnly ? 'renewal_notice_reminder' : 'renewal_nudge',
    subjectId: contract.id,
    deliveries,
    details: { contractRef: contract.ref, termEnd: due.termEnd, deadline: due.deadline, offset: due.offset },
  };
  if (!(await deps.nudges.claim(item, now, deps.delivery))) return 'taken';
  await deps.events?.publish(renewalNudgedEvent(contract, { ...due, id: item.id }, now));
  const skipIds = [...due.skipped.map((offset) => nudgeId(contract.id, due.termEnd, offset)), ...(due.alsoSkip ?? [])];
  if (skipIds.length > 0) {
    await deps.nudges.skip(
      skipIds.map((id) => ({ id, kind: 'renewal_nudge', subjectId: contract.id, details: { termEnd: due.termEnd, caughtUpBy: item.id } })),
      now,
      'missed while no scan ran; the later nudge was sent instead',
    );
  }
  return deliverOutboxItem(deps, deps.nudges, item);
}
