import type { Logger } from '../../core/ports/logger.js';
import type { PlaygroundDemo, PlaygroundMessages } from '../../core/ports/playground.js';
import { WebChatNotifier } from './web-notifier.js';

/** The playground as a chat platform: its message store, the notifier that posts into it, and the demo company. */
export interface WebPlatform {
  messages: PlaygroundMessages;
  notifier: WebChatNotifier;
  demo: PlaygroundDemo;
}

export function webPlatform(messages: PlaygroundMessages, demo: PlaygroundDemo, logger: Logger): WebPlatform {
  return { messages, notifier: new WebChatNotifier(messages, logger), demo };
}
