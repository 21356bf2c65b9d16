import { createHash } from 'node:crypto';
import type { ChatNotifier, ChatTarget, LookupOutcome, MessageRef, SendOptions, SendOutcome } from '../../core/ports/chat-notifier.js';
import type { Logger } from '../../core/ports/logger.js';
import type { PlaygroundMessages } from '../../core/ports/playground.js';
import type { ChatMessage } from '../../core/views/chat-message.js';

/** A persona's direct chat with Clause. */
export const dmConversation = (personaKey: string) => `user:${personaKey}`;

/** The playground conversation a target is (a web user's DM, a web channel), if it is one. */
function webConversationOf(target: ChatTarget): string | undefined {
  if (target.kind === 'user') return target.user.platform === 'web' ? dmConversation(target.user.id) : undefined;
  return target.platform === 'web' ? target.channelId : undefined;
}

/** The message id of a delivery: the same on every attempt, so a retry finds what the first posted. */
const deliveryMessageId = (deliveryId: string) => `d-${createHash('sha256').update(deliveryId).digest('hex').slice(0, 32)}`;

/**
 * The playground's ChatNotifier: a message is posted by storing it (PlaygroundMessages) under its
 * delivery's id, so a retried delivery never doubles it; readers see it live (server-sent events).
 */
export class WebChatNotifier implements ChatNotifier {
  constructor(
    private readonly messages: PlaygroundMessages,
    private readonly logger: Logger,
  ) {}

  async send(target: ChatTarget, message: ChatMessage, options: SendOptions): Promise<SendOutcome> {
    const conversation = webConversationOf(target);
    if (!conversation) return { status: 'permanent', reason: 'not a playground conversation' };
    try {
      const { message: stored } = await this.messages.add({
        id: deliveryMessageId(options.deliveryId),
        conversation,
        from: { kind: 'clause' },
        content: { kind: 'message', message },
      });
      return { status: 'delivered', ref: { platform: 'web', channelId: conversation, messageId: stored.id } };
    } catch (error) {
      this.logger.warn({ err: error, deliveryId: options.deliveryId }, 'playground message not stored');
      return { status: 'transient', reason: error instanceof Error ? error.message : String(error), mayHaveArrived: true };
    }
  }

  async findDelivered(target: ChatTarget, deliveryId: string): Promise<LookupOutcome> {
    const conversation = webConversationOf(target);
    if (!conversation) return { status: 'absent' };
    try {
      const found = await this.messages.get(deliveryMessageId(deliveryId));
      return found ? { status: 'found', ref: { platform: 'web', channelId: conversation, messageId: found.id } } : { status: 'absent' };
    } catch (error) {
      return { status: 'unknown', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async update(ref: MessageRef, message: ChatMessage): Promise<void> {
    try {
      await this.messages.replace(ref.messageId, { kind: 'message', message });
    } catch (error) {
      this.logger.warn({ err: error, ref }, 'playground message not updated');
    }
  }
}
