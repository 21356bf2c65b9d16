import { Webhook } from 'standardwebhooks';
import { type Dispatcher, fetch as undiciFetch } from 'undici';
import type { WebhookPostOutcome, WebhookRequest, WebhookTransport } from '../../core/ports/webhook-transport.js';
import { internalLiteralReason, publicOnlyDispatcher } from './address-guard.js';

export interface HttpWebhookTransportOptions {
  /** Per request (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** The signing clock: the real one (receivers compare the timestamp with theirs, ±5 minutes). */
  now?: () => Date;
  fetch?: typeof fetch;
  /**
   * WEBHOOK_ALLOW_PRIVATE_URLS: post to loopback, private and link-local addresses too. Off, a
   * receiver whose host is or resolves to one is refused (permanently) before anything is sent.
   */
  allowPrivate?: boolean;
}

/** Seconds or an HTTP date, as milliseconds from now; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 86_400) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.min(at - now.getTime(), 86_400_000));
}

/**
 * Posts webhooks signed by the Standard Webhooks scheme (`standardwebhooks`): the headers
 * `webhook-id` (the event id, the same on every attempt), `webhook-timestamp` (this attempt, unix
 * seconds) and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the
 * subscription's `whsec_` secret). Redirects are not followed (a 3xx is a refusal), and nothing of
 * the response but its status is read.
 */
export class HttpWebhookTransport implements WebhookTransport {
  private readonly now: () => Date;
  private readonly fetch: typeof fetch;
  private readonly dispatcher: Dispatcher | undefined;

  constructor(private readonly options: HttpWebhookTransportOptions) {
    this.now = options.now ?? (() => new Date());
    this.dispatcher = options.allowPrivate === false ? publicOnlyDispatcher() : undefined;
    this.fetch = options.fetch ?? (this.dispatcher ? (undiciFetch as unknown as typeof fetch) : fetch);
  }

  /** Why this URL may not be posted to (an internal IP literal), if it may not. */
  private refusedHost(url: string): string | undefined {
    if (this.options.allowPrivate !== false) return undefined;
    let host: string;
    try {
      host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    } catch {
      return 'the URL cannot be read';
    }
    return internalLiteralReason(host);
  }

  async post(request: WebhookRequest): Promise<WebhookPostOutcome> {
    const at = this.now();
    const started = performance.now();
    const durationMs = () => Math.round(performance.now() - started);
    let signature: string;
    try {
      signature = new Webhook(request.secret).sign(request.id, at, request.body);
    } catch {
      return { status: 'permanent', reason: 'the subscription secret is not a valid whsec_ secret', durationMs: 0 };
    }
    const refused = this.refusedHost(request.url);
    if (refused) return { status: 'permanent', reason: refused, durationMs: 0 };
    let res: Response;
    try {
      res = await this.fetch(request.url, {
        ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Clause-Webhooks/1.0',
          'webhook-id': request.id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: request.body,
      });
    } catch (error) {
      const name = (error as { name?: unknown })?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        return { status: 'transient', reason: `no answer within ${this.options.timeoutMs} ms`, mayHaveArrived: true, durationMs: durationMs() };
      }
      const cause = (error as { cause?: { code?: unknown; message?: unknown; name?: unknown } })?.cause;
      if (cause?.name === 'InternalAddressError' && typeof cause.message === 'string')
        return { status: 'permanent', reason: cause.message, durationMs: durationMs() };
      const why =
        typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : String((error as Error)?.message ?? error);
      return { status: 'transient', reason: `could not connect: ${why}`, durationMs: durationMs() };
    }
    await res.body?.cancel().catch(() => undefined);
    const httpStatus = res.status;
    const took = durationMs();
    if (httpStatus >= 200 && httpStatus < 300) return { status: 'delivered', httpStatus, durationMs: took };
    if (httpStatus === 408 || httpStatus === 429 || httpStatus >= 500) {
      const after = retryAfterMs(res.headers.get('retry-after'), this.now());
      return { status: 'transient', reason: `HTTP ${httpStatus}`, httpStatus, ...(after ? { retryAfterMs: after } : {}), durationMs: took };
    }
    if (httpStatus >= 300 && httpStatus < 400)
      return { status: 'permanent', reason: `HTTP ${httpStatus}: redirects are not followed; subscribe the final URL`, httpStatus, durationMs: took };
    return { status: 'permanent', reason: `HTTP ${httpStatus}`, httpStatus, durationMs: took };
  }
}
