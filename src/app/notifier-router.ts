import {
  platformOf,
  type ChatNotifier,
  type ChatPlatform,
  type ChatTarget,
  type LookupOutcome,
  type MessageRef,
  type SendOptions,
  type SendOutcome,
} from '../core/ports/chat-notifier.js';
import type { ChatMessage } from '../core/views/chat-message.js';
import type { Logger } from '../core/ports/logger.js';

/**
 * The one ChatNotifier the core sees: routes each message to the platform of its target
 * (a Slack user is reached in Slack, a Teams user in Teams). A platform that is off here answers
 * `off`: the message waits in its outbox for a process where it is on (or until its deadline).
 */
export class NotifierRouter implements ChatNotifier {
  private readonly byPlatform = new Map<ChatPlatform, ChatNotifier>();

  constructor(private readonly logger: Logger) {}

  register(platform: ChatPlatform, notifier: ChatNotifier): void {
    this.byPlatform.set(platform, notifier);
  }

  isOn(platform: ChatPlatform): boolean {
    return this.byPlatform.has(platform);
  }

  async send(target: ChatTarget, message: ChatMessage, options: SendOptions): Promise<SendOutcome> {
    const platform = platformOf(target);
    if (!platform) {
      this.logger.warn({ target }, 'message target is not on a chat platform; not sent');
      return { status: 'permanent', reason: 'the target is not on a chat platform' };
    }
    const notifier = this.byPlatform.get(platform);
    if (!notifier) {
      this.logger.info({ platform, deliveryId: options.deliveryId }, `${platform} is off here; the message waits for it`);
      return { status: 'off', reason: `${platform} is not configured` };
    }
    return notifier.send(target, message, options);
  }

  async findDelivered(target: ChatTarget, deliveryId: string): Promise<LookupOutcome> {
    const platform = platformOf(target);
    const notifier = platform ? this.byPlatform.get(platform) : undefined;
    if (!notifier?.findDelivered) return { status: 'absent' };
    return notifier.findDelivered(target, deliveryId);
  }

  async update(ref: MessageRef, message: ChatMessage): Promise<void> {
    const notifier = this.byPlatform.get(ref.platform);
    if (!notifier) {
      this.logger.warn({ ref }, `${ref.platform} is off; message not updated`);
      return;
    }
    await notifier.update(ref, message);
  }
}
