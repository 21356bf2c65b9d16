import { calendarDateIn } from '../domain/calendar-date.js';
import { weekKeyIfDue, type WeeklySlot } from '../domain/weekly-slot.js';
import type { ChartRenderer } from '../ports/chart-renderer.js';
import type { ChatNotifier, ChatTarget } from '../ports/chat-notifier.js';
import type { Clock } from '../ports/clock.js';
import type { DeliveryTiming, Outbox, StoredOutboxItem } from '../ports/outbox.js';
import type { RenewalRepository } from '../ports/renewal-repository.js';
import { renewalsListMessage } from '../views/renewals-list-message.js';
import type { ChatMessage } from '../views/chat-message.js';
import { renewalDigestChart } from '../views/renewal-charts.js';
import { chartImage } from './chart-image.js';
import { claimAndDeliver } from './deliver-outbox-item.js';
import { listUpcomingRenewals, type UpcomingRenewals } from './list-upcoming-renewals.js';
import { sweepOutbox } from './sweep-outbox.js';

export interface DigestDeps {
  renewals: RenewalRepository;
  digests: Outbox;
  /** The renewal nudges: the digest lists the week's nudges that could not be delivered. */
  nudges?: Outbox;
  notifier: ChatNotifier;
  clock: Clock;
  delivery: DeliveryTiming;
  /** Draws the digest as a chart (value at stake per week, by decision); without it the digest is text only. */
  charts?: ChartRenderer;
}

const DIGEST_WINDOW_DAYS = 30;

/**
 * The weekly renewals digest to the digest channel: once this week's slot (day, hour, time zone)
 * has come, claims `digest:<monday>` and posts the next 30 days' renewals. Run it hourly; every
 * run after the first of the week finds the claim taken and sends nothing.
 */
export async function sendRenewalsDigest(
  deps: DigestDeps,
  input: { channel: ChatTarget; schedule: WeeklySlot },
): Promise<'sent' | 'unsent' | 'not_due' | 'taken'> {
  await sweepOutbox(deps, deps.digests);
  const now = deps.clock.now();
  const week = weekKeyIfDue(now, input.schedule);
  if (!week) return 'not_due';
  const id = `digest:${week}`;
  if ((await deps.digests.existing([id])).has(id)) return 'taken';
  const list = await listUpcomingRenewals(deps, { days: DIGEST_WINDOW_DAYS, today: calendarDateIn(now, input.schedule.timeZone) });
  const title = `Renewals digest, week of ${week}`;
  const text = withUndelivered(
    renewalsListMessage(list, title),
    deps.nudges ? await deps.nudges.listProblems(new Date(now.getTime() - 7 * 86_400_000), 50) : [],
  );
  const { message, chart } = await withChart(deps.charts, text, list, title, week);
  const item = {
    id,
    kind: 'renewals_digest',
    subjectId: week,
    deliveries: [{ target: input.channel, message }],
    details: { contracts: list.items.length, chart },
  };
  const result = await claimAndDeliver(deps, deps.digests, item);
  if (result === 'taken') return 'taken';
  return result.status === 'sent' ? 'sent' : 'unsent';
}

/**
 * Adds the digest's chart (when there is a renderer and something to draw). A chart that cannot
 * be drawn leaves the digest as text, and says why in the outbox item's details.
 */
async function withChart(
  charts: ChartRenderer | undefined,
  message: ChatMessage,
  list: UpcomingRenewals,
  title: string,
  week: string,
): Promise<{ message: ChatMessage; chart: string }> {
  if (!charts) return { message, chart: 'none: no chart renderer' };
  if (list.items.length === 0) return { message, chart: 'none: nothing to draw' };
  try {
    const { image, full } = await chartImage(charts, renewalDigestChart(list, title), `renewals-digest-${week}.png`);
    return { message: { ...message, image }, chart: `${full.width}x${full.height} png, ${full.png.byteLength} bytes` };
  } catch (error) {
    return { message, chart: `failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Adds the week's renewal nudges that could not be delivered (with why), so someone follows up. */
function withUndelivered(message: ChatMessage, problems: readonly StoredOutboxItem[]): ChatMessage {
  if (problems.length === 0) return message;
  const lines = problems.map((p) => {
    const ref = typeof p.details?.contractRef === 'string' ? p.details.contractRef : p.subjectId;
    const why = p.status === 'failed' ? (p.reason ?? 'not delivered') : Object.values(p.problems).join('; ');
    return `• ${ref}: ${p.status === 'failed' ? 'not delivered' : 'not delivered to everyone'}: ${why}`;
  });
  const text = `Renewal nudges not delivered in the last 7 days (follow up with the owners):\n${lines.join('\n')}`;
  return {
    text: `${message.text} ${problems.length} renewal nudge${problems.length === 1 ? '' : 's'} could not be delivered this week.`,
    ...(message.card ? { card: { ...message.card, sections: [...message.card.sections, { kind: 'divider' as const }, { kind: 'text' as const, text }] } } : {}),
  };
}
