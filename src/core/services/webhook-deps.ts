import type { WebhookSubscription } from '../ports/webhook-subscriptions.js';
import type { ChatTarget } from '../ports/chat-notifier.js';
import type { Clock } from '../ports/clock.js';
import type { DeliveryTiming, Outbox } from '../ports/outbox.js';
import type { WebhookSubscriptions } from '../ports/webhook-subscriptions.js';
import type { WebhookTransport, WebhookUrlCheck } from '../ports/webhook-transport.js';

/** What the webhook services need (README "API and webhooks"). */
export interface WebhookDeps {
  subscriptions: WebhookSubscriptions;
  transport: WebhookTransport;
  /** Whether a receiver URL may be subscribed (internal addresses refused unless WEBHOOK_ALLOW_PRIVATE_URLS). */
  checkUrl: WebhookUrlCheck;
  /** The webhook outbox (`webhook_deliveries`): one item per event and subscription. */
  outbox: Outbox;
  clock: Clock;
  /** Lease, retry backoff and give-up time (DELIVERY_* settings), as for chat messages. */
  delivery: DeliveryTiming;
  /** A subscription whose last this-many attempts all failed is disabled (WEBHOOK_DISABLE_AFTER_FAILURES). */
  disableAfterFailures: number;
  /** Where the admins hear that a subscription was disabled: a chat outbox and its targets. */
  notices: { outbox: Outbox; targets: () => ChatTarget[] };
  /** Told when a subscription is disabled (the app logs it). */
  onDisabled?: (subscription: WebhookSubscription, reason: string) => void;
}
