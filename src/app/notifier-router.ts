import type { ChatNotifier, ChatPlatform, ChatTarget, MessageRef } from '../core/ports/chat-notifier.js';
import type { ChatMessage } from '../core/views/chat-message.js';
import type { Logger } from '../infra/logger.js';

/**
 * The one ChatNotifier the core sees: routes each message to the platform of its target
 * (a Slack user is reached in Slack, a Teams user in Teams). A platform that is off makes the
 * target unreachable, which is logged, never silently dropped.
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

  async send(target: ChatTarget, message: ChatMessage): Promise<MessageRef | undefined> {
    const platform = target.kind === 'user' ? target.user.platform : target.platform;
    if (platform !== 'slack' && platform !== 'teams') {
      this.logger.warn({ target }, 'message target is not on a chat platform; not sent');
      return undefined;
    }
    const notifier = this.byPlatform.get(platform);
    if (!notifier) {
      this.logger.warn({ platform, target }, `${platform} is off; message not delivered`);
      return undefined;
    }
    return notifier.send(target, message);
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
