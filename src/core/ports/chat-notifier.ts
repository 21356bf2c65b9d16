import type { UserRef } from '../domain/user-ref.js';
import type { ChatMessage } from '../views/chat-message.js';

/** `web`: the playground (README "Try it in two minutes"), a chat of its own served by Clause. */
export type ChatPlatform = 'slack' | 'teams' | 'web';

/** Where a message goes: a person (DM) or a channel on one platform. */
export type ChatTarget = { kind: 'user'; user: UserRef } | { kind: 'channel'; platform: ChatPlatform; channelId: string };

/** A message that was posted, so it can be updated in place later. */
export interface MessageRef {
  platform: ChatPlatform;
  channelId: string;
  messageId: string;
}

/**
 * What one attempt to post a message came to. Adapters classify their platform's errors into
 * these; the delivery path (deliverOutboxItem) decides what happens next.
 */
export type SendOutcome =
  /** Posted: the platform's message id. */
  | { status: 'delivered'; ref: MessageRef }
  /** Will never work as addressed (user gone, channel archived, bot not in channel): not retried. */
  | { status: 'permanent'; reason: string }
  /**
   * Might work later (5xx, 429, timeout, network, a retryable `ok:false`). `retryAfterMs` is the
   * platform's own Retry-After; `mayHaveArrived` when the request may have reached the platform
   * (a timeout), so a re-send must look for it first.
   */
  | { status: 'transient'; reason: string; retryAfterMs?: number; mayHaveArrived?: boolean }
  /** The platform is not configured in this process: the message waits for it. */
  | { status: 'off'; reason: string };

/** What a look-up of an earlier attempt found. */
export type LookupOutcome =
  | { status: 'found'; ref: MessageRef }
  | { status: 'absent' }
  /** Could not tell (the look-up failed transiently): do not send now. */
  | { status: 'unknown'; reason: string; retryAfterMs?: number };

export interface SendOptions {
  /** The delivery's deterministic id (outbox, item, index); the platform message carries it where it can. */
  deliveryId: string;
}

export interface ChatNotifier {
  /** Posts a message once (no hidden re-posts) and says what came of it; never throws for a platform error. */
  send(target: ChatTarget, message: ChatMessage, options: SendOptions): Promise<SendOutcome>;
  /**
   * Looks in the target conversation for a message an earlier attempt of this delivery posted
   * (Slack: message metadata). Absent on platforms that offer no such look-up (Teams).
   */
  findDelivered?(target: ChatTarget, deliveryId: string): Promise<LookupOutcome>;
  /** Replaces a posted message with a new version (best effort, logged on failure). */
  update(ref: MessageRef, message: ChatMessage): Promise<void>;
}

/** The platform a target lives on (undefined for a user of no chat platform). */
export function platformOf(target: ChatTarget): ChatPlatform | undefined {
  const p = target.kind === 'user' ? target.user.platform : target.platform;
  return p === 'slack' || p === 'teams' || p === 'web' ? p : undefined;
}
