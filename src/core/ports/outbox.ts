import type { ChatMessage } from '../views/chat-message.js';
import type { ChatTarget, MessageRef } from './chat-notifier.js';

/** One message to one target, rendered before it is claimed so a re-send sends the same thing. */
export interface OutboxDelivery {
  target: ChatTarget;
  message: ChatMessage;
}

/**
 * A reminder (renewal nudge, approval reminder, obligation reminder) with a deterministic id such
 * as `contractId:termEnd:offset`. Inserting it is the claim: of several workers that try the
 * same id, exactly one insert succeeds (on FerretDB v1 only inserts are exclusive).
 */
export interface OutboxItem {
  id: string;
  kind: string;
  /** The contract, round or obligation it is about. */
  subjectId: string;
  deliveries: OutboxDelivery[];
  details?: Record<string, unknown>;
}

export type OutboxStatus = 'queued' | 'sent' | 'skipped' | 'failed';

export interface StoredOutboxItem extends OutboxItem {
  status: OutboxStatus;
  /** Send attempts started; attempt 1 belongs to whoever claimed the item. */
  attempts: number;
  /** When the current attempt started (the lease runs from here). */
  claimedAt: Date;
  sentAt?: Date;
  /** Deliveries already made, by index (null: the target was unreachable), so a re-send skips them. */
  delivered: Record<string, MessageRef | null>;
  reason?: string;
}

export interface Outbox {
  /** Inserts the item as queued with attempt 1 owned by the caller; false when the id is taken. */
  claim(item: OutboxItem, at: Date): Promise<boolean>;
  /** Records items that will never be sent (missed during downtime); ids already present stay as they are. */
  skip(items: ReadonlyArray<Omit<OutboxItem, 'deliveries'>>, at: Date, reason: string): Promise<number>;
  /** Which of these ids exist in any status (one query for a batch of candidates). */
  existing(ids: readonly string[]): Promise<Set<string>>;
  /** Records one delivery as made (written only by the attempt's owner). */
  markDelivered(id: string, index: number, ref: MessageRef | null): Promise<void>;
  /** Marks it sent, recording its last delivery in the same write when given. */
  markSent(id: string, at: Date, lastDelivery?: { index: number; ref: MessageRef | null }): Promise<void>;
  markFailed(id: string, at: Date, reason: string): Promise<void>;
  /** Queued items whose current attempt started before `before`: their sender probably died. */
  listStale(before: Date, limit: number): Promise<StoredOutboxItem[]>;
  /** Claims send attempt `attempt` (insert `id#attempt`); false when another sweeper has it. */
  claimAttempt(id: string, attempt: number, at: Date): Promise<boolean>;
  find(id: string): Promise<StoredOutboxItem | null>;
}
