import type { WebhookEvent } from '../domain/webhook-event.js';
import type { ChatMessage } from '../views/chat-message.js';
import type { ChatTarget, MessageRef, SendOutcome } from './chat-notifier.js';

/** One message to one target, rendered before it is claimed so a re-send sends the same thing. */
interface ChatDelivery {
  target: ChatTarget;
  message: ChatMessage;
}

/** A webhook subscription, the outbox's other channel (README "API and webhooks"). */
export interface WebhookTarget {
  kind: 'webhook';
  subscriptionId: string;
}

/** One event to one webhook subscription; the same event (and `webhook-id`) on every attempt. */
export interface WebhookDelivery {
  target: WebhookTarget;
  message: WebhookEvent;
}

export type OutboxDelivery = ChatDelivery | WebhookDelivery;

export const isWebhookDelivery = (d: OutboxDelivery): d is WebhookDelivery => d.target.kind === 'webhook';

/** A webhook the receiver accepted (2xx). */
interface WebhookRef {
  kind: 'webhook';
  subscriptionId: string;
  httpStatus: number;
}

/** A settled delivery: the chat message posted, or the webhook accepted. */
export type DeliveryRef = MessageRef | WebhookRef;

/** What one attempt at a webhook delivery came to (like a chat send's SendOutcome). */
export type WebhookSendOutcome = Exclude<SendOutcome, { status: 'delivered' }> | { status: 'delivered'; ref: WebhookRef };

/** Sends webhook deliveries for the delivery path (deliverOutboxItem); never throws for a receiver's error. */
export interface WebhookChannel {
  send(target: WebhookTarget, event: WebhookEvent, options: { deliveryId: string; attempt: number }): Promise<WebhookSendOutcome>;
}

/**
 * An outgoing message (renewal nudge, reminder, approval card, follow-up…) with a deterministic
 * id such as `contractId:termEnd:offset`. Inserting it is the claim: of several workers that try
 * the same id, exactly one insert succeeds (on FerretDB v1 only inserts are exclusive).
 */
export interface OutboxItem {
  id: string;
  kind: string;
  /** The contract, round or obligation it is about. */
  subjectId: string;
  deliveries: OutboxDelivery[];
  details?: Record<string, unknown>;
}

/**
 * `queued`: not all deliveries made yet (first attempt running, waiting for a retry, or waiting
 * for a platform that is off); `sent`: every delivery made or permanently undeliverable, at least
 * one made; `failed`: none could be made (all undeliverable, or the retry deadline passed);
 * `skipped`: recorded without sending (a missed nudge superseded by a later one).
 */
export type OutboxStatus = 'queued' | 'sent' | 'skipped' | 'failed';

export interface StoredOutboxItem extends OutboxItem {
  status: OutboxStatus;
  /** Send attempts started; attempt 1 belongs to whoever claimed the item. */
  attempts: number;
  /** When the item was first claimed. */
  createdAt: Date;
  /** When the current attempt started. */
  claimedAt: Date;
  /** When the sweeper may start the next attempt: the lease's end while one runs, else the retry time. */
  dueAt: Date;
  /** After this, an item still not delivered is reported failed. */
  giveUpAt: Date;
  sentAt?: Date;
  /** Deliveries settled, by index: the message posted, or null when it is permanently undeliverable. */
  delivered: Record<string, DeliveryRef | null>;
  /** Why deliveries (by index) are permanently undeliverable. */
  problems: Record<string, string>;
  /** The last transient error, while queued. */
  lastError?: string;
  /** The platform it waits for (not configured where the last attempt ran). */
  waitingFor?: string;
  reason?: string;
}

/** How the sweeper times attempts (settings: DELIVERY_*). */
export interface DeliveryTiming {
  /** How long an attempt may run before another process may take the item over. */
  leaseMs: number;
  /** First retry delay; doubled per attempt, with jitter, at most `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long after its claim an undelivered item is retried before it is reported failed. */
  giveUpAfterMs: number;
}

export const DEFAULT_DELIVERY_TIMING: DeliveryTiming = { leaseMs: 2 * 60_000, retryBaseMs: 30_000, retryMaxMs: 15 * 60_000, giveUpAfterMs: 24 * 3_600_000 };

/** The end of one attempt that did not settle every delivery. */
export interface Reschedule {
  dueAt: Date;
  lastError: string;
  waitingFor?: string;
}

export interface OutboxCounts {
  queued: number;
  /** Queued items waiting for a platform that is off, by platform. */
  waiting: Record<string, number>;
  failed: number;
}

export interface Outbox {
  /** A short name (the collection), part of every delivery id. */
  readonly name: string;
  /** Inserts the item as queued with attempt 1 owned by the caller; false when the id is taken. */
  claim(item: OutboxItem, at: Date, timing: DeliveryTiming): Promise<boolean>;
  /** `claim` for several items in a few writes; the ids this call claimed (the others were taken). */
  claimMany(items: readonly OutboxItem[], at: Date, timing: DeliveryTiming): Promise<Set<string>>;
  /** Records items that will never be sent (superseded); ids already present stay as they are. */
  skip(items: ReadonlyArray<Omit<OutboxItem, 'deliveries'>>, at: Date, reason: string): Promise<number>;
  /** Which of these ids exist in any status (one query for a batch of candidates). */
  existing(ids: readonly string[]): Promise<Set<string>>;
  /** Records one delivery as settled: posted (ref) or undeliverable (null, with the reason). Only the attempt's owner writes. */
  markDelivered(id: string, index: number, ref: DeliveryRef | null, problem?: string): Promise<void>;
  /** Marks it sent (or failed when nothing could be delivered), recording its last delivery in the same write when given. */
  markSent(
    id: string,
    at: Date,
    lastDelivery?: { index: number; ref: DeliveryRef | null; problem?: string },
    status?: 'sent' | 'failed',
    reason?: string,
  ): Promise<void>;
  markFailed(id: string, at: Date, reason: string): Promise<void>;
  /** Leaves it queued for a later attempt. */
  reschedule(id: string, next: Reschedule): Promise<void>;
  /** Queued items whose next attempt is due (retry time reached, or lease expired), oldest first. */
  listDue(now: Date, limit: number): Promise<StoredOutboxItem[]>;
  /** Claims send attempt `attempt` (insert `id#attempt`) with a lease until `leaseUntil`; false when another sweeper has it. */
  claimAttempt(id: string, attempt: number, at: Date, leaseUntil: Date): Promise<boolean>;
  find(id: string): Promise<StoredOutboxItem | null>;
  /** Queued, waiting and failed counts (for /healthz and summaries). */
  counts(): Promise<OutboxCounts>;
  /** Items settled since `since` with a delivery that could not be made (failed, or sent with problems). */
  listProblems(since: Date, limit: number): Promise<StoredOutboxItem[]>;
}
