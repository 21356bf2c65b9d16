import { webApi } from '@slack/bolt';
import type { ChatNotifier, ChatTarget, LookupOutcome, MessageRef, SendOptions, SendOutcome } from '../../core/ports/chat-notifier.js';
import type { ChatMessage } from '../../core/views/chat-message.js';
import type { Logger } from '../../core/ports/logger.js';
import { renderBlockKit } from './render/block-kit.js';

type WebClient = webApi.WebClient;

/** The Slack error code of a failed Web API call, for logs (never the token or the payload). */
export function slackErrorSummary(error: unknown): Record<string, unknown> {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number; message?: string };
  return { code: e.code, slackError: e.data?.error, httpStatus: e.statusCode, message: e.message };
}

/** The event type of the message metadata naming a delivery (`event_payload.delivery_id`). */
const DELIVERY_EVENT_TYPE = 'clause_delivery';

/** `ok:false` errors that mean "try again later" (Slack's side, or our configuration being fixed). */
const RETRYABLE_SLACK_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'ratelimited',
  'rate_limited',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
  // Configuration problems an operator fixes (token, scopes): retried until the deadline.
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
]);

/**
 * What a failed Web API call means for a delivery. `user_not_found`, `channel_not_found`,
 * `is_archived`, `not_in_channel`, `account_inactive`, a message Slack refuses (`msg_too_long`,
 * `invalid_blocks`) and any other `ok:false` code not known to be retryable are permanent;
 * HTTP 5xx, 429 (with Retry-After), timeouts, network errors and the retryable codes above are
 * transient.
 */
function classifySlackError(error: unknown): Exclude<SendOutcome, { status: 'delivered' | 'off' }> {
  const e = error as {
    code?: string;
    data?: { error?: string };
    statusCode?: number;
    retryAfter?: number;
    headers?: Record<string, string>;
    original?: { name?: string; code?: string; cause?: { code?: string }; message?: string };
    message?: string;
  };
  switch (e.code) {
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      return RETRYABLE_SLACK_ERRORS.has(code)
        ? { status: 'transient', reason: `Slack answered ${code}` }
        : { status: 'permanent', reason: `Slack answered ${code}` };
    }
    case 'slack_webapi_rate_limited_error':
      return { status: 'transient', reason: 'Slack rate limit (429)', retryAfterMs: (e.retryAfter ?? 1) * 1000 };
    case 'slack_webapi_http_error': {
      const status = e.statusCode ?? 0;
      const retryAfter = Number(e.headers?.['retry-after']);
      const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
      if (status >= 500 || status === 408 || status === 429) {
        return { status: 'transient', reason: `Slack answered HTTP ${status}`, ...(retryAfterMs ? { retryAfterMs } : {}), mayHaveArrived: status >= 500 };
      }
      return { status: 'permanent', reason: `Slack answered HTTP ${status}` };
    }
    case 'slack_webapi_request_error': {
      const o = e.original;
      const netCode = typeof o?.code === 'string' ? o.code : o?.cause?.code;
      const timedOut = o?.name === 'TimeoutError' || o?.name === 'AbortError' || /time ?out|timed out|aborted/i.test(`${o?.message ?? ''} ${e.message ?? ''}`);
      // A refused connection never reached Slack; a timeout or a reset may have.
      const mayHaveArrived = netCode !== 'ECONNREFUSED' && netCode !== 'ENOTFOUND';
      return {
        status: 'transient',
        reason: timedOut ? 'Slack did not answer in time' : `network error talking to Slack${netCode ? ` (${netCode})` : ''}`,
        mayHaveArrived,
      };
    }
    default:
      return { status: 'transient', reason: e.message ?? String(error), mayHaveArrived: true };
  }
}

/**
 * Delivers core messages in Slack: a DM opens the conversation first (conversations.open), a
 * channel post goes straight to chat.postMessage, updates use chat.update. A message's picture
 * (a chart) is uploaded into the conversation just before it. Posting calls go
 * through a client of their own with no automatic retries (a retried chat.postMessage can post
 * twice): each call's outcome is classified and the outbox decides when to try again. Every post
 * carries message metadata naming its delivery, so a re-send can first look for it
 * (findDelivered: conversations.history with metadata).
 */
export class SlackChatNotifier implements ChatNotifier {
  private readonly poster: WebClient;

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
    options: { timeoutMs?: number; historyLimit?: number } = {},
  ) {
    this.poster = new webApi.WebClient(client.token, {
      slackApiUrl: client.slackApiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: options.timeoutMs ?? 10_000,
      logLevel: webApi.LogLevel.ERROR,
    });
    this.historyLimit = options.historyLimit ?? 200;
  }

  private readonly historyLimit: number;

  /** DM channel ids by user (stable in Slack): one conversations.open per person per process. */
  private readonly dms = new Map<string, string>();

  /** The DM channel with a Slack user (opened if needed). */
  async dmChannel(userId: string, client: WebClient = this.client): Promise<string> {
    const known = this.dms.get(userId);
    if (known) return known;
    const opened = await client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    if (this.dms.size > 10_000) this.dms.clear();
    this.dms.set(userId, id);
    return id;
  }

  private where(target: ChatTarget): Record<string, string> {
    return target.kind === 'user' ? { user: target.user.id } : { channel: target.channelId };
  }

  async send(target: ChatTarget, message: ChatMessage, options: SendOptions): Promise<SendOutcome> {
    if (target.kind === 'user' && target.user.platform !== 'slack') return { status: 'permanent', reason: 'not a Slack user' };
    let uploaded: string | undefined;
    try {
      const channel = target.kind === 'user' ? await this.dmChannel(target.user.id, this.poster) : target.channelId;
      // A picture goes first (files upload API, shared into the conversation), then the message:
      // a failed upload posts nothing, so the delivery is not 'delivered' and a retry is clean.
      if (message.image) uploaded = await this.uploadImage(channel, message.image);
      const posted = await this.poster.chat.postMessage({
        channel,
        ...renderBlockKit(message),
        metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { delivery_id: options.deliveryId } },
      });
      if (!posted.ts || !posted.channel) return { status: 'transient', reason: 'chat.postMessage returned no ts', mayHaveArrived: true };
      return { status: 'delivered', ref: { platform: 'slack', channelId: posted.channel, messageId: posted.ts } };
    } catch (error) {
      const outcome = classifySlackError(error);
      this.logger.warn(
        {
          err: slackErrorSummary(error),
          target: this.where(target),
          deliveryId: options.deliveryId,
          outcome: outcome.status,
          reason: outcome.reason,
          ...(message.image ? { imageUploaded: Boolean(uploaded) } : {}),
        },
        outcome.status === 'permanent' ? 'Slack message cannot be delivered' : 'Slack message not delivered yet; it will be retried',
      );
      // The picture was shared but its message was not posted: take the picture back (best effort),
      // unless the post may have arrived (a time-out), where the retry finds it by its metadata.
      if (uploaded && !(outcome.status === 'transient' && outcome.mayHaveArrived)) await this.deleteFile(uploaded);
      return outcome;
    }
  }

  /**
   * Uploads a picture into a conversation with the files upload API (files.getUploadURLExternal,
   * the upload, files.completeUploadExternal: the WebClient's filesUploadV2); the file's id. Used
   * by `send` and by a command's answer that carries a picture (no retries: a failure throws).
   */
  async uploadImage(channel: string, image: NonNullable<ChatMessage['image']>): Promise<string> {
    const result = (await this.poster.filesUploadV2({
      channel_id: channel,
      file: Buffer.from(image.pngBase64, 'base64'),
      filename: image.fileName,
      title: image.title,
      alt_text: image.alt.slice(0, 1000),
    })) as { files?: Array<{ files?: Array<{ id?: string }> }> };
    const id = result.files?.[0]?.files?.[0]?.id;
    if (!id) throw new Error('files.completeUploadExternal returned no file');
    return id;
  }

  private async deleteFile(fileId: string): Promise<void> {
    try {
      await this.poster.files.delete({ file: fileId });
    } catch (error) {
      this.logger.warn({ err: slackErrorSummary(error), fileId }, 'Slack file of an undelivered message could not be deleted');
    }
  }

  async findDelivered(target: ChatTarget, deliveryId: string): Promise<LookupOutcome> {
    if (target.kind === 'user' && target.user.platform !== 'slack') return { status: 'absent' };
    try {
      const channel = target.kind === 'user' ? await this.dmChannel(target.user.id, this.poster) : target.channelId;
      const history = await this.poster.conversations.history({ channel, limit: this.historyLimit, include_all_metadata: true });
      const match = (history.messages ?? []).find((m) => {
        const meta = (m as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
        return meta?.event_type === DELIVERY_EVENT_TYPE && meta.event_payload?.delivery_id === deliveryId;
      });
      if (match?.ts) {
        this.logger.info({ deliveryId, channel }, 'Slack message of an earlier attempt found; not posting it again');
        return { status: 'found', ref: { platform: 'slack', channelId: channel, messageId: match.ts } };
      }
      return { status: 'absent' };
    } catch (error) {
      const outcome = classifySlackError(error);
      const code = (error as { data?: { error?: string } }).data?.error;
      if (outcome.status === 'permanent' || code === 'missing_scope') {
        // Nothing to look in (channel gone, no history scope): the send itself will say why.
        this.logger.warn({ err: slackErrorSummary(error), deliveryId }, 'Slack history look-up impossible; sending without it');
        return { status: 'absent' };
      }
      return { status: 'unknown', reason: outcome.reason, ...(outcome.retryAfterMs ? { retryAfterMs: outcome.retryAfterMs } : {}) };
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
