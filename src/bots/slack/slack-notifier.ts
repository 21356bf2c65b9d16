import type { webApi } from '@slack/bolt';
import type { ChatNotifier, ChatTarget, MessageRef } from '../../core/ports/chat-notifier.js';
import type { ChatMessage } from '../../core/views/chat-message.js';
import type { Logger } from '../../infra/logger.js';
import { renderBlockKit } from './render/block-kit.js';

type WebClient = webApi.WebClient;

/** The Slack error code of a failed Web API call, for logs (never the token or the payload). */
export function slackErrorSummary(error: unknown): Record<string, unknown> {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number; message?: string };
  return { code: e.code, slackError: e.data?.error, httpStatus: e.statusCode, message: e.message };
}

/**
 * Delivers core messages in Slack: a DM opens the conversation first (conversations.open), a
 * channel post goes straight to chat.postMessage, updates use chat.update. Rate limits (429) and
 * server errors are retried by the WebClient (see slack-client-options.ts); what still fails is
 * logged and reported as unreachable (undefined), as the port asks.
 */
export class SlackChatNotifier implements ChatNotifier {
  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
  ) {}

  /** The DM channel with a Slack user (opened if needed). */
  async dmChannel(userId: string): Promise<string> {
    const opened = await this.client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    return id;
  }

  async send(target: ChatTarget, message: ChatMessage): Promise<MessageRef | undefined> {
    if (target.kind === 'user' && target.user.platform !== 'slack') return undefined;
    try {
      const channel = target.kind === 'user' ? await this.dmChannel(target.user.id) : target.channelId;
      const posted = await this.client.chat.postMessage({ channel, ...renderBlockKit(message) });
      if (!posted.ts || !posted.channel) throw new Error('chat.postMessage returned no ts');
      return { platform: 'slack', channelId: posted.channel, messageId: posted.ts };
    } catch (error) {
      this.logger.warn(
        { err: slackErrorSummary(error), target: target.kind === 'user' ? { user: target.user.id } : { channel: target.channelId } },
        'Slack message could not be delivered',
      );
      return undefined;
    }
  }

  async update(ref: MessageRef, message: ChatMessage): Promise<void> {
    try {
      await this.client.chat.update({ channel: ref.channelId, ts: ref.messageId, ...renderBlockKit(message) });
    } catch (error) {
      this.logger.warn({ err: slackErrorSummary(error), ref }, 'Slack message could not be updated');
    }
  }
}
