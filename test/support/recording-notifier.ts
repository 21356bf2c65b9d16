import type { ChatNotifier, ChatTarget, MessageRef, SendOptions, SendOutcome } from '../../src/core/ports/chat-notifier.js';
import type { DeliveryTiming } from '../../src/core/ports/outbox.js';
import type { ChatMessage } from '../../src/core/views/chat-message.js';

export interface RecordedMessage {
  target: ChatTarget;
  message: ChatMessage;
  ref: MessageRef;
  deliveryId: string;
}

/** Short, fixed delivery timing for tests that drive a ManualClock (lease 10 minutes, retries from 1 minute). */
export const TEST_DELIVERY: DeliveryTiming = { leaseMs: 10 * 60_000, retryBaseMs: 60_000, retryMaxMs: 10 * 60_000, giveUpAfterMs: 24 * 3_600_000 };

/**
 * A ChatNotifier test double: records every message; can be told to fail the next sends
 * (transiently, or with a given outcome).
 */
export class RecordingNotifier implements ChatNotifier {
  readonly sent: RecordedMessage[] = [];
  readonly updated: Array<{ ref: MessageRef; message: ChatMessage }> = [];
  failNext = 0;
  /** The outcome of the failing sends (default: a transient platform error). */
  failWith: Exclude<SendOutcome, { status: 'delivered' }> = { status: 'transient', reason: 'chat platform unavailable' };
  private seq = 0;

  async send(target: ChatTarget, message: ChatMessage, options: SendOptions): Promise<SendOutcome> {
    if (this.failNext > 0) {
      this.failNext--;
      return this.failWith;
    }
    const platform = target.kind === 'user' ? (target.user.platform === 'teams' ? 'teams' : 'slack') : target.platform;
    const channelId = target.kind === 'user' ? `D_${target.user.id}` : target.channelId;
    const ref: MessageRef = { platform, channelId, messageId: String(++this.seq) };
    this.sent.push({ target, message, ref, deliveryId: options.deliveryId });
    return { status: 'delivered', ref };
  }

  async update(ref: MessageRef, message: ChatMessage): Promise<void> {
    this.updated.push({ ref, message });
  }

  /** Messages sent to one user (by platform id). */
  to(userId: string): RecordedMessage[] {
    return this.sent.filter((m) => m.target.kind === 'user' && m.target.user.id === userId);
  }

  clear(): void {
    this.sent.length = 0;
    this.updated.length = 0;
  }
}
