import type { WebhookEvent } from '../domain/webhook-event.js';
import type { OutboxItem, WebhookDelivery } from '../ports/outbox.js';
import type { WebhookSubscription } from '../ports/webhook-subscriptions.js';
import type { WebhookDeps } from './webhook-deps.js';

/** The outbox id of one event's delivery to one subscription. */
export const webhookItemId = (eventId: string, subscriptionId: string) => `${eventId}:${subscriptionId}`;

export interface PublishOptions {
  /**
   * Only the subscriptions enabled (created or re-enabled) by then: an event re-published later
   * (webhooks.recover) goes to those that were on when it happened, as it would have at the time.
   */
  enabledBy?: Date;
}

/** The subscriptions that were on at `at` (all of them without it). */
export function subscribedAt(subscriptions: WebhookSubscription[], at?: Date): WebhookSubscription[] {
  return at ? subscriptions.filter((s) => s.enabledAt.getTime() <= at.getTime()) : subscriptions;
}

/**
 * Queues an event for every enabled subscription that asked for its type: one outbox item each,
 * claimed by inserting `eventId:subscriptionId`, so an event published twice (a retried job, two
 * workers) is queued once. Returns the items this call claimed; the caller owns their first
 * attempt (deliverOutboxItem), and the sweeper retries them after that.
 */
export async function publishEvent(
  deps: Pick<WebhookDeps, 'subscriptions' | 'outbox' | 'clock' | 'delivery'>,
  event: WebhookEvent,
  options: PublishOptions = {},
): Promise<OutboxItem[]> {
  const subscriptions = subscribedAt(await deps.subscriptions.listFor(event.type), options.enabledBy);
  const claimed: OutboxItem[] = [];
  for (const sub of subscriptions) {
    const delivery: WebhookDelivery = { target: { kind: 'webhook', subscriptionId: sub.id }, message: event };
    const item: OutboxItem = {
      id: webhookItemId(event.id, sub.id),
      kind: 'webhook',
      subjectId: event.subjectId,
      deliveries: [delivery],
      details: { eventId: event.id, eventType: event.type, subscriptionId: sub.id },
    };
    if (await deps.outbox.claim(item, deps.clock.now(), deps.delivery)) claimed.push(item);
  }
  return claimed;
}
