import { calendarDateIn } from '../domain/calendar-date.js';
import { weekKeyIfDue, type WeeklySlot } from '../domain/weekly-slot.js';
import type { ChatNotifier, ChatTarget } from '../ports/chat-notifier.js';
import type { Clock } from '../ports/clock.js';
import type { DeliveryTiming, Outbox } from '../ports/outbox.js';
import type { RenewalRepository } from '../ports/renewal-repository.js';
import { renewalsListMessage } from '../views/renewals-list-message.js';
import { claimAndDeliver } from './deliver-outbox-item.js';
import { listUpcomingRenewals } from './list-upcoming-renewals.js';
import { resendStaleOutbox } from './resend-stale-outbox.js';

export interface DigestDeps {
  renewals: RenewalRepository;
  digests: Outbox;
  notifier: ChatNotifier;
  clock: Clock;
  delivery: DeliveryTiming;
}

export const DIGEST_WINDOW_DAYS = 30;

/**
 * The weekly renewals digest to the digest channel: once this week's slot (day, hour, time zone)
 * has come, claims `digest:<monday>` and posts the next 30 days' renewals. Run it hourly; every
 * run after the first of the week finds the claim taken and sends nothing.
 */
export async function sendRenewalsDigest(
  deps: DigestDeps,
  input: { channel: ChatTarget; schedule: WeeklySlot },
): Promise<'sent' | 'unsent' | 'not_due' | 'taken'> {
  await resendStaleOutbox(deps, deps.digests);
  const now = deps.clock.now();
  const week = weekKeyIfDue(now, input.schedule);
  if (!week) return 'not_due';
  const id = `digest:${week}`;
  if ((await deps.digests.existing([id])).has(id)) return 'taken';
  const list = await listUpcomingRenewals(deps, { days: DIGEST_WINDOW_DAYS, today: calendarDateIn(now, input.schedule.timeZone) });
  const message = renewalsListMessage(list, `Renewals digest, week of ${week}`);
  const item = { id, kind: 'renewals_digest', subjectId: week, deliveries: [{ target: input.channel, message }], details: { contracts: list.items.length } };
  const result = await claimAndDeliver(deps, deps.digests, item);
  if (result === 'taken') return 'taken';
  return result.status === 'sent' ? 'sent' : 'unsent';
}
