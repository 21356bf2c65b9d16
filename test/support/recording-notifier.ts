import type { ChatNotifier, ChatTarget, MessageRef } from '../../src/core/ports/chat-notifier.js';
import type { ChatMessage } from '../../src/core/views/chat-message.js';

export interface RecordedMessage {
  target: ChatTarget;
  message: ChatMessage;
  ref: MessageRef;
}

/** A ChatNotifier test double: records every message; can be told to fail the next sends. */
export class RecordingNotifier implements ChatNotifier {
  readonly sent: RecordedMessage[] = [];
  readonly updated: Array<{ ref: MessageRef; message: ChatMessage }> = [];
  failNext = 0;
  private seq = 0;

  async send(target: ChatTarget, message: ChatMessage): Promise<MessageRef | undefined> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('chat platform unavailable');
    }
    const platform = target.kind === 'user' ? (target.user.platform === 'teams' ? 'teams' : 'slack') : target.platform;
    const channelId = target.kind === 'user' ? `D_${target.user.id}` : target.channelId;
    const ref: MessageRef = { platform, channelId, messageId: String(++this.seq) };
    this.sent.push({ target, message, ref });
    return ref;
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
