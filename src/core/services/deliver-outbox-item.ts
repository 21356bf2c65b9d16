import type { ChatNotifier } from '../ports/chat-notifier.js';
import type { Clock } from '../ports/clock.js';
import type { Outbox, OutboxItem } from '../ports/outbox.js';

export interface DeliveryResult {
  sent: boolean;
  /** Deliveries whose target could not be reached (platform off, user unknown). */
  unreachable: number;
  error?: unknown;
}

/**
 * Sends a claimed item's deliveries that were not made yet and marks it sent. A delivery that
 * throws leaves the item queued: after the lease another worker claims a new attempt and sends
 * the rest (see resendStaleOutbox). Only the caller that owns the current attempt may call this.
 */
export async function deliverOutboxItem(
  deps: { notifier: ChatNotifier; clock: Clock },
  outbox: Outbox,
  item: OutboxItem,
  alreadyDelivered: Record<string, unknown> = {},
): Promise<DeliveryResult> {
  let unreachable = 0;
  for (const [index, delivery] of item.deliveries.entries()) {
    if (String(index) in alreadyDelivered) continue;
    try {
      const ref = await deps.notifier.send(delivery.target, delivery.message);
      if (!ref) unreachable++;
      await outbox.markDelivered(item.id, index, ref ?? null);
    } catch (error) {
      return { sent: false, unreachable, error };
    }
  }
  await outbox.markSent(item.id, deps.clock.now());
  return { sent: true, unreachable };
}
