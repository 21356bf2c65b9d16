import type { UserRef } from '../domain/user-ref.js';
import type { ChatMessage } from '../views/chat-message.js';

export type ChatPlatform = 'slack' | 'teams';

/** Where a message goes: a person (DM) or a channel on one platform. */
export type ChatTarget =
  | { kind: 'user'; user: UserRef }
  | { kind: 'channel'; platform: ChatPlatform; channelId: string };

/** A message that was posted, so it can be updated in place later. */
export interface MessageRef {
  platform: ChatPlatform;
  channelId: string;
  messageId: string;
}

export interface ChatNotifier {
  /**
   * Posts a message. Returns undefined when the target cannot be reached (platform off, user
   * never met the bot, …): the implementation logs it and records why; it never throws for that.
   */
  send(target: ChatTarget, message: ChatMessage): Promise<MessageRef | undefined>;
  /** Replaces a posted message with a new version (best effort, logged on failure). */
  update(ref: MessageRef, message: ChatMessage): Promise<void>;
}
