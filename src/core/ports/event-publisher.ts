import type { WebhookEvent } from '../domain/webhook-event.js';

/**
 * Where services report what happened (contract moves, renewal nudges, obligations due). The
 * implementation queues one webhook delivery per matching subscription; it never throws (a
 * failure to queue is logged, the change that caused it stands).
 */
export interface EventPublisher {
  publish(event: WebhookEvent): Promise<void>;
}
