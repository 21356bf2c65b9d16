import { Webhook } from 'standardwebhooks';
import { HttpEmulatorServer, headerValue, sendJson } from './http-emulator.js';

/** One request the receiver got, with what the Standard Webhooks verifier made of it. */
export interface ReceivedWebhook {
  path: string;
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  /** The verifier accepted the signature and the timestamp (±5 minutes of the real clock). */
  verified: boolean;
  verifyError?: string;
  /** The status it was answered with (0: not answered, e.g. held past the sender's time-out). */
  status: number;
}

export interface ReceiverBehaviour {
  /** Answer with this status (default 204). */
  status?: number;
  /** Hold the answer this long (longer than the sender's time-out to make it time out). */
  delayMs?: number;
  retryAfter?: number;
  /** How many requests in a row get this behaviour (default 1). */
  times?: number;
  /** Process a verified request before failing or hanging (the answer is what gets lost). */
  processAnyway?: boolean;
}

/**
 * A local webhook receiver, as a CRM would run one: verifies every request's signature with the
 * `standardwebhooks` verifier and the subscription's secret, records it, and dedupes by
 * `webhook-id` (what `processed` holds, in arrival order). It can be told to fail (a status) or to
 * hang (a delay) for the next requests.
 */
export class WebhookReceiver {
  private readonly http = new HttpEmulatorServer('webhook receiver');
  readonly received: ReceivedWebhook[] = [];
  /** Verified requests, one per webhook-id (a receiver's dedupe). */
  readonly processed = new Map<string, unknown>();
  private readonly queue: Array<ReceiverBehaviour & { remaining: number }> = [];
  /** The secret per path (e.g. `/crm`); `*` for any. */
  private readonly secrets = new Map<string, string>();

  get url(): string {
    return this.http.url;
  }

  setSecret(secret: string, path = '*'): void {
    this.secrets.set(path, secret);
  }

  /** The next `times` requests get this behaviour (queued after those already asked for). */
  behave(behaviour: ReceiverBehaviour): void {
    this.queue.push({ ...behaviour, remaining: behaviour.times ?? 1 });
  }

  async start(): Promise<string> {
    await this.http.start(async (req, res, body) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const text = body.toString('utf8');
      const headers = {
        'webhook-id': headerValue(req, 'webhook-id') ?? '',
        'webhook-timestamp': headerValue(req, 'webhook-timestamp') ?? '',
        'webhook-signature': headerValue(req, 'webhook-signature') ?? '',
      };
      const record: ReceivedWebhook = {
        path,
        id: headerValue(req, 'webhook-id'),
        timestamp: headerValue(req, 'webhook-timestamp'),
        signature: headerValue(req, 'webhook-signature'),
        body: text,
        verified: false,
        status: 0,
      };
      this.received.push(record);
      const secret = this.secrets.get(path) ?? this.secrets.get('*');
      let payload: unknown;
      try {
        if (!secret) throw new Error('no secret set for this path');
        payload = new Webhook(secret).verify(text, headers);
        record.verified = true;
      } catch (error) {
        record.verifyError = (error as Error).message;
      }
      const next = this.queue[0];
      if (next?.processAnyway && record.verified && record.id && !this.processed.has(record.id)) this.processed.set(record.id, payload);
      if (next) {
        if (--next.remaining <= 0) this.queue.shift();
        if (next.delayMs && !(await this.http.delay(res, next.delayMs))) return;
        if (next.status) {
          record.status = next.status;
          sendJson(res, next.status, { error: 'told to fail' }, next.retryAfter !== undefined ? { 'retry-after': String(next.retryAfter) } : {});
          return;
        }
      }
      if (!record.verified) {
        record.status = 401;
        sendJson(res, 401, { error: record.verifyError });
        return;
      }
      if (record.id && !this.processed.has(record.id)) this.processed.set(record.id, payload);
      record.status = 204;
      res.writeHead(204).end();
    });
    return this.url;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }
}
