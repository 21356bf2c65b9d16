import { ActivityTypes, type Activity, type CloudAdapter, type ConversationParameters, type ConversationReference, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, type ConnectorClient } from 'botframework-connector';
import type { ChatNotifier, ChatTarget, MessageRef, SendOptions, SendOutcome } from '../../core/ports/chat-notifier.js';
import type { ChatMessage } from '../../core/views/chat-message.js';
import type { Logger } from '../../core/ports/logger.js';
import type { ConversationReferences, StoredConversationReference as StoredReference } from '../../core/ports/conversation-references.js';
import { cardAttachment, renderAdaptiveCard } from './adaptive-card.js';
import { conversationReferenceOf } from './teams-identity.js';

/** The outgoing message for a ChatMessage: its text (notifications, screen readers) and its card. */
export function teamsActivity(message: ChatMessage, refresh?: Record<string, unknown>): Partial<Activity> {
  const asCard = Boolean(message.card || message.image);
  return {
    type: ActivityTypes.Message,
    text: asCard ? undefined : message.text,
    summary: message.text,
    attachments: asCard ? [cardAttachment(renderAdaptiveCard(message, refresh ? { refresh } : {}))] : [],
  };
}

function connectorOf(context: TurnContext): ConnectorClient {
  return context.turnState.get(context.adapter.ConnectorClientKey) as ConnectorClient;
}

/** Why a send failed, for the log: the connector's status when there is one. */
function failure(error: unknown): Record<string, unknown> {
  const e = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  return { err: error, status: e?.statusCode, code: e?.code };
}

/**
 * What a failed Bot Connector call means for a delivery: 429 (with Retry-After), 408, 5xx and
 * network errors are transient; 403 (the bot was removed or blocked), 404 (no such
 * conversation) and other 4xx are permanent; 401 (credentials) is retried until the deadline so
 * an operator can fix the app password.
 */
export function classifyTeamsError(error: unknown): Exclude<SendOutcome, { status: 'delivered' | 'off' }> {
  const e = error as { statusCode?: number; code?: string; response?: { headers?: { get?: (n: string) => string | undefined } }; message?: string };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined)
    return { status: 'transient', reason: `Bot Connector unreachable${e?.code ? ` (${e.code})` : ''}: ${e?.message ?? String(error)}`, mayHaveArrived: true };
  if (status === 429 || status === 408 || status >= 500 || status === 401) {
    const header = Number(e.response?.headers?.get?.('retry-after'));
    return {
      status: 'transient',
      reason: `Bot Connector answered HTTP ${status}`,
      ...(Number.isFinite(header) && header > 0 ? { retryAfterMs: header * 1000 } : {}),
      mayHaveArrived: status >= 500,
    };
  }
  return {
    status: 'permanent',
    reason: `Bot Connector answered HTTP ${status}${status === 403 ? ' (the bot was removed or blocked)' : status === 404 ? ' (no such conversation)' : ''}`,
  };
}

/**
 * Runs proactive logic and rethrows its error: the adapter would otherwise hand it to
 * onTurnError and return normally, and the caller could not tell a failed send from a sent one.
 */
async function surfacing(
  run: (logic: (context: TurnContext) => Promise<void>) => Promise<void>,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failed: { error: unknown } | undefined;
  await run(async (context) => {
    try {
      await logic(context);
    } catch (error) {
      failed = { error };
    }
  });
  if (failed) throw failed.error;
}

/**
 * Delivers the core's messages in Teams, proactively. A user is reached in their 1:1 chat with
 * the bot (stored when they first wrote or installed the app), or in a new 1:1 chat when only
 * their tenant is known; a channel through its stored reference. botbuilder's connector client
 * retries 429 (after Retry-After) and 5xx itself (3 retries); what still fails is classified
 * (classifyTeamsError) and the outbox retries it later. Teams offers no look-up of an earlier
 * post, so a re-send after a crash or a timeout may post twice: at least once (see README).
 */
export class TeamsChatNotifier implements ChatNotifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly references: ConversationReferences,
    private readonly logger: Logger,
    /** The card's Universal Actions `refresh` block, if it should have one (approval cards). */
    private readonly refreshFor: (message: ChatMessage) => Promise<Record<string, unknown> | undefined> = async () => undefined,
  ) {}

  async send(target: ChatTarget, message: ChatMessage, options?: SendOptions): Promise<SendOutcome> {
    try {
      const ref = await this.sendOrUnreachable(target, message);
      if (typeof ref === 'string') return { status: 'permanent', reason: ref };
      if (!ref) return { status: 'transient', reason: 'the Bot Connector returned no activity id', mayHaveArrived: true };
      return { status: 'delivered', ref };
    } catch (error) {
      const outcome = classifyTeamsError(error);
      this.logger.error(
        { target, deliveryId: options?.deliveryId, outcome: outcome.status, reason: outcome.reason, ...failure(error) },
        'Teams message could not be delivered',
      );
      return outcome;
    }
  }

  /** The posted message, or why the target cannot be reached (a string); throws connector errors. */
  private async sendOrUnreachable(target: ChatTarget, message: ChatMessage): Promise<MessageRef | string | undefined> {
    {
      if (target.kind === 'channel') {
        const stored = await this.references.findConversation(target.channelId);
        if (!stored?.reference) return this.unreachable(target, 'the bot has not been added to this channel or chat');
        return await this.post(stored.reference as Partial<ConversationReference>, message);
      }
      if (target.user.platform !== 'teams') return this.unreachable(target, 'not a Teams user');
      const user = await this.references.findUser(target.user.id);
      if (user?.reference) return await this.post(user.reference as Partial<ConversationReference>, message);
      const tenantId = user?.tenantId ?? target.user.tenantId;
      const tenant = tenantId ? await this.references.findTenant(tenantId) : null;
      const via = user?.serviceUrl && user.bot ? user : tenant;
      if (!tenantId || !via?.serviceUrl || !via.bot) {
        return this.unreachable(target, 'the user has never talked to the bot and their tenant is unknown');
      }
      return await this.createPersonalChat(target.user.id, user?.userId ?? target.user.id, tenantId, via, message);
    }
  }

  async update(ref: MessageRef, message: ChatMessage): Promise<void> {
    try {
      const refresh = await this.refreshFor(message);
      const stored = await this.references.findConversation(ref.channelId);
      if (!stored?.reference) {
        this.logger.warn({ ref }, 'Teams message not updated: no reference to its conversation');
        return;
      }
      await surfacing(
        (logic) => this.adapter.continueConversationAsync(this.appId, stored.reference as Partial<ConversationReference>, logic),
        async (context) => {
          await context.updateActivity({ ...teamsActivity(message, refresh), id: ref.messageId, conversation: { id: ref.channelId } as never });
        },
      );
    } catch (error) {
      this.logger.error({ ref, ...failure(error) }, 'Teams message could not be updated');
    }
  }

  private unreachable(target: ChatTarget, why: string): string {
    this.logger.warn({ target, why }, `Teams target unreachable: ${why}; message not delivered`);
    return why;
  }

  /** Posts as a new message (not a reply) in the referenced conversation. */
  private async post(reference: Partial<ConversationReference>, message: ChatMessage): Promise<MessageRef | undefined> {
    let ref: MessageRef | undefined;
    const refresh = await this.refreshFor(message);
    await surfacing(
      (logic) => this.adapter.continueConversationAsync(this.appId, reference, logic),
      async (context) => {
        const conversationId = reference.conversation!.id;
        const activity = { ...teamsActivity(message, refresh), from: reference.bot, conversation: reference.conversation } as Activity;
        const sent = await connectorOf(context).conversations.sendToConversation(conversationId, activity);
        ref = { platform: 'teams', channelId: conversationId, messageId: sent.id };
      },
    );
    return ref;
  }

  /** Opens a 1:1 chat with someone the bot has not talked to yet (Teams accepts the AAD id). */
  private async createPersonalChat(
    aadObjectId: string,
    memberId: string,
    tenantId: string,
    via: StoredReference,
    message: ChatMessage,
  ): Promise<MessageRef | undefined> {
    const parameters = {
      isGroup: false,
      bot: via.bot,
      members: [{ id: memberId }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as unknown as ConversationParameters;
    let ref: MessageRef | undefined;
    const refresh = await this.refreshFor(message);
    await surfacing(
      (logic) =>
        this.adapter.createConversationAsync(this.appId, 'msteams', via.serviceUrl!, AuthenticationConstants.ToChannelFromBotOAuthScope, parameters, logic),
      async (context) => {
        const reference = conversationReferenceOf(context.activity);
        await this.references.saveUser(aadObjectId, { reference: reference as Record<string, unknown>, tenantId, serviceUrl: via.serviceUrl });
        await this.references.saveConversation(reference.conversation!.id, {
          reference: reference as Record<string, unknown>,
          tenantId,
          serviceUrl: via.serviceUrl,
        });
        const conversationId = context.activity.conversation.id;
        const sent = await connectorOf(context).conversations.sendToConversation(conversationId, {
          ...teamsActivity(message, refresh),
          from: via.bot,
          conversation: { id: conversationId },
        } as unknown as Activity);
        ref = { platform: 'teams', channelId: conversationId, messageId: sent.id };
      },
    );
    return ref;
  }
}
