import type { WebhookEventType } from '../domain/webhook-event.js';

/** A receiver of webhooks: where, which events, and whether it is on. The secret is kept apart. */
export interface WebhookSubscription {
  id: string;
  url: string;
  events: WebhookEventType[];
  description?: string;
  enabled: boolean;
  createdAt: Date;
  /** Who made it (an API key's name, or `cli`). */
  createdBy: string;
  /** Counts enables: the consecutive-failure run starts again from the last enable. */
  generation: number;
  /** When it was last enabled (created, or re-enabled). */
  enabledAt: Date;
  disabledAt?: Date;
  disabledReason?: string;
}

/** One attempt at delivering one event to one subscription (the delivery log). */
export interface WebhookAttempt {
  subscriptionId: string;
  eventId: string;
  eventType: WebhookEventType;
  /** The outbox attempt number (1 = first try). */
  attempt: number;
  at: Date;
  outcome: 'delivered' | 'failed' | 'retrying';
  httpStatus?: number;
  error?: string;
  durationMs: number;
}

export interface NewWebhookSubscription {
  url: string;
  events: WebhookEventType[];
  description?: string;
  createdBy: string;
  /** `whsec_` + base64 of 24–64 random bytes; generated when absent. */
  secret?: string;
}

export interface WebhookSubscriptions {
  /** Stores a subscription; returns it with its secret (shown once to whoever created it). */
  create(input: NewWebhookSubscription, now: Date): Promise<{ subscription: WebhookSubscription; secret: string }>;
  get(id: string): Promise<WebhookSubscription | null>;
  /** The signing secret (never logged, never returned by list/get). */
  secretOf(id: string): Promise<string | null>;
  list(): Promise<WebhookSubscription[]>;
  /** Enabled subscriptions that asked for this event type. */
  listFor(type: WebhookEventType): Promise<WebhookSubscription[]>;
  /** Turns one on (a new generation) or off (with why); null when there is no such subscription. */
  setEnabled(id: string, enabled: boolean, now: Date, reason?: string): Promise<WebhookSubscription | null>;
  /** Deletes it and its log; false when there was none. */
  remove(id: string): Promise<boolean>;
  recordAttempt(attempt: WebhookAttempt): Promise<void>;
  /** The delivery log, newest first. */
  listAttempts(subscriptionId: string, limit: number): Promise<WebhookAttempt[]>;
}
