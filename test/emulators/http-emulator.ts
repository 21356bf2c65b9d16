import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { waitBound } from '../support/wait-bound.js';

/** Shared plumbing for the local emulators: an http server on 127.0.0.1 with an ephemeral port. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void> | void;

export class HttpEmulatorServer {
  private server: Server | undefined;
  private baseUrl: string | undefined;
  /** Timers parked by delayed responses; cleared on stop so jest sees no open handles. */
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly name: string) {}

  get url(): string {
    if (!this.baseUrl) throw new Error(`${this.name} is not started`);
    return this.baseUrl;
  }

  async start(handler: RequestHandler): Promise<{ url: string }> {
    if (this.server) return { url: this.url };
    const server = createServer((req, res) => {
      readBody(req)
        .then((body) => handler(req, res, body))
        .catch((err: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { error: `${this.name} crashed: ${String(err)}` });
          else res.destroy();
        });
    });
    // Clients keep sockets alive; without this a stop() would wait for their idle timeout.
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url: this.baseUrl };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.baseUrl = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  /** Waits before answering; resolves false if the client hung up or the server stopped meanwhile. */
  delay(res: ServerResponse, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(!res.destroyed && !res.writableEnded);
      }, ms);
      this.timers.add(timer);
      res.once('close', () => {
        if (!this.timers.delete(timer)) return;
        clearTimeout(timer);
        resolve(false);
      });
    });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const auth = headerValue(req, 'authorization');
  const m = auth?.match(/^Bearer\s+(.+)$/i);
  return m?.[1];
}

/** Reads a multipart/form-data body with the platform's own parser (undici), not a hand-rolled one. */
export async function parseMultipart(contentType: string, body: Buffer): Promise<FormData> {
  return new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
}

export interface FailureSpec {
  /** HTTP status to answer with (429, 500, ...). */
  status?: number;
  /** Seconds for the Retry-After header. */
  retryAfter?: number;
  /** Milliseconds for a `retry-after-ms` header (the OpenAI and Azure clients honour it; keeps tests fast). */
  retryAfterMs?: number;
  /** Hold the response this long before answering normally (or with the failure). */
  delayMs?: number;
  /** How many consecutive matching calls fail; default 1. */
  times?: number;
}

interface QueuedFailure<S extends FailureSpec> {
  readonly key: string | undefined;
  readonly spec: S;
  remaining: number;
}

/** Failures queued by a test; each matching call consumes one. `key` undefined matches any call. */
export class FailureQueue<S extends FailureSpec> {
  private readonly queue: QueuedFailure<S>[] = [];

  add(key: string | undefined, spec: S): void {
    this.queue.push({ key, spec, remaining: spec.times ?? 1 });
  }

  take(key: string): S | undefined {
    const idx = this.queue.findIndex((f) => f.key === undefined || f.key === key);
    if (idx < 0) return undefined;
    const entry = this.queue[idx]!;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(idx, 1);
    return entry.spec;
  }

  clear(): void {
    this.queue.length = 0;
  }
}

export function retryHeaders(spec: FailureSpec): Record<string, string> {
  const h: Record<string, string> = {};
  if (spec.retryAfter !== undefined) h['retry-after'] = String(spec.retryAfter);
  if (spec.retryAfterMs !== undefined) h['retry-after-ms'] = String(spec.retryAfterMs);
  return h;
}

/** An append-only log a test can read or wait on. */
export class CallLog<T> {
  private readonly items: T[] = [];
  private readonly events = new EventEmitter();

  add(item: T): void {
    this.items.push(item);
    this.events.emit('added', item);
  }

  all(): T[] {
    return [...this.items];
  }

  clear(): void {
    this.items.length = 0;
  }

  waitFor(predicate: (item: T) => boolean, requestedMs: number, what: string): Promise<T> {
    const timeoutMs = waitBound(requestedMs);
    const found = this.items.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onAdded = (item: T) => {
        if (!predicate(item)) return;
        clearTimeout(timer);
        this.events.off('added', onAdded);
        resolve(item);
      };
      const timer = setTimeout(() => {
        this.events.off('added', onAdded);
        reject(new Error(`timed out after ${timeoutMs}ms waiting for ${what}`));
      }, timeoutMs);
      this.events.on('added', onAdded);
    });
  }
}
