import type { ChatNotifier, MessageRef } from '../ports/chat-notifier.js';
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
  const pending = [...item.deliveries.entries()].filter(([index]) => !(String(index) in alreadyDelivered));
  let last: { index: number; ref: MessageRef | null } | undefined;
  for (const [position, [index, delivery]] of pending.entries()) {
    try {
      const ref = await deps.notifier.send(delivery.target, delivery.message);
      if (!ref) unreachable++;
      // The last delivery is recorded together with the sent mark: one write fewer per item.
      if (position === pending.length - 1) last = { index, ref: ref ?? null };
      else await outbox.markDelivered(item.id, index, ref ?? null);
    } catch (error) {
      return { sent: false, unreachable, error };
    }
  }
  await outbox.markSent(item.id, deps.clock.now(), last);
  return { sent: true, unreachable };
}
