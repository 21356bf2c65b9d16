import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, CallLog, FailureQueue, headerValue, HttpEmulatorServer, retryHeaders, sendJson, type FailureSpec } from './http-emulator.js';
import { defaultDimensions, hashedEmbedding, toBase64 } from './openai/hashed-embedding.js';
import {
  chatCompletion,
  chatCompletionChunks,
  flattenMessages,
  responsesResult,
  approxTokens,
  type ModelHandler,
  type ModelReply,
  type ModelRequest,
  type ScriptStep,
} from './openai/model-script.js';

export type { ModelHandler, ModelReply, ModelRequest, ScriptStep } from './openai/model-script.js';
export { cosine } from './openai/hashed-embedding.js';

export type OpenAIEndpoint = 'chat.completions' | 'responses' | 'embeddings' | 'models';

export interface OpenAIFailure extends FailureSpec {
  /** Only calls to this endpoint fail; any if omitted. */
  endpoint?: OpenAIEndpoint;
}

export interface OpenAIRequestRecord {
  endpoint: OpenAIEndpoint | 'unknown';
  path: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
  /** The SDK numbers its attempts in `x-stainless-retry-count`; 0 for the first. */
  retryCount: number | undefined;
  status: number;
  at: Date;
}

export interface OpenAIEmulatorOptions {
  /** When set, other keys get 401 invalid_api_key. */
  apiKey?: string;
  /** Answers chat/responses calls when the script queue is empty; without it they get a 400. */
  fallback?: ModelHandler;
}

const ENDPOINTS: Record<string, OpenAIEndpoint> = {
  'POST /v1/chat/completions': 'chat.completions',
  'POST /v1/responses': 'responses',
  'POST /v1/embeddings': 'embeddings',
  'GET /v1/models': 'models',
};

const errorBody = (message: string, type: string, code: string | null = null) => ({ error: { message, type, param: null, code } });

/**
 * OpenAI-compatible API on 127.0.0.1, for `new OpenAI({ apiKey, baseURL: url + '/v1' })`.
 * Chat and Responses calls answer from a script queue (enqueue) in order; embeddings are a
 * deterministic hashed bag of words.
 */
export class OpenAIEmulator {
  private readonly server = new HttpEmulatorServer('openai-emulator');
  private readonly log = new CallLog<OpenAIRequestRecord>();
  private readonly failures = new FailureQueue<OpenAIFailure>();
  private readonly script: ScriptStep[] = [];
  private fallback: ModelHandler | undefined;

  constructor(private readonly options: OpenAIEmulatorOptions = {}) {
    this.fallback = options.fallback;
  }

  get url(): string {
    return this.server.url;
  }

  /** What to pass as the client's `baseURL`. */
  get baseURL(): string {
    return `${this.url}/v1`;
  }

  start(): Promise<{ url: string }> {
    return this.server.start((req, res, body) => this.route(req, res, body));
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Queues the reply for the next chat or responses call: `{content}`, `{toolCalls}`, `{json}`, `{refusal}` or a handler. */
  enqueue(...steps: ScriptStep[]): void {
    this.script.push(...steps);
  }

  setFallback(handler: ModelHandler | undefined): void {
    this.fallback = handler;
  }

  /** Replies still queued (a test can assert the model was asked as often as it planned). */
  pending(): number {
    return this.script.length;
  }

  failNext(failure: OpenAIFailure): void {
    this.failures.add(failure.endpoint, failure);
  }

  requests(endpoint?: OpenAIEndpoint): OpenAIRequestRecord[] {
    return this.log.all().filter((r) => endpoint === undefined || r.endpoint === endpoint);
  }

  waitFor(predicate: (r: OpenAIRequestRecord) => boolean, timeoutMs = 2_000): Promise<OpenAIRequestRecord> {
    return this.log.waitFor(predicate, timeoutMs, 'an OpenAI request');
  }

  /**
   * Every piece of text that reached the "model": chat and responses messages, instructions and
   * embedding inputs. For privacy assertions, e.g. that a restricted contract never left the app.
   */
  sentText(): string {
    return this.log
      .all()
      .map((r) => {
        if (r.endpoint === 'embeddings') {
          const input = r.body.input;
          return Array.isArray(input) ? input.filter((x) => typeof x === 'string').join('\n') : String(input ?? '');
        }
        if (r.endpoint === 'chat.completions' || r.endpoint === 'responses') {
          return flattenMessages(r.endpoint, r.body)
            .map((m) => m.content)
            .join('\n');
        }
        return '';
      })
      .join('\n');
  }

  reset(): void {
    this.log.clear();
    this.failures.clear();
    this.script.length = 0;
    this.fallback = this.options.fallback;
  }

  private async route(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const endpoint = ENDPOINTS[`${req.method} ${path}`];
    let body: Record<string, unknown> = {};
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        return sendJson(res, 400, errorBody('We could not parse the JSON body of your request.', 'invalid_request_error'));
      }
    }
    const retryHeader = headerValue(req, 'x-stainless-retry-count');
    /** Status 0 marks a call the client abandoned (timed out) before the emulator answered. */
    const record = (status: number) =>
      this.log.add({
        endpoint: endpoint ?? 'unknown',
        path,
        body,
        authorization: headerValue(req, 'authorization'),
        retryCount: retryHeader === undefined ? undefined : Number(retryHeader),
        status,
        at: new Date(),
      });
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record(status);
      sendJson(res, status, payload, headers);
    };

    if (!endpoint) return answer(404, errorBody(`Invalid URL (${req.method} ${path})`, 'invalid_request_error'));
    if (this.options.apiKey !== undefined && bearerToken(req) !== this.options.apiKey) {
      return answer(401, errorBody('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
    }

    const failure = this.failures.take(endpoint);
    if (failure?.delayMs && !(await this.server.delay(res, failure.delayMs))) {
      return record(0);
    }
    if (failure?.status === 429) {
      return answer(429, errorBody('Rate limit reached for requests', 'requests', 'rate_limit_exceeded'), retryHeaders(failure));
    }
    if (failure?.status)
      return answer(failure.status, errorBody('The server had an error while processing your request.', 'server_error'), retryHeaders(failure));

    if (endpoint === 'models') {
      return answer(200, {
        object: 'list',
        data: ['gpt-4o-mini', 'text-embedding-3-small'].map((id) => ({ id, object: 'model', created: 0, owned_by: 'emulator' })),
      });
    }
    if (endpoint === 'embeddings') return answer(200, this.embeddings(body));

    const request: ModelRequest = { endpoint, body, messages: flattenMessages(endpoint, body) };
    const reply = await this.nextReply(request);
    if (!reply) {
      return answer(400, errorBody(`openai-emulator: no scripted reply queued for ${endpoint} (enqueue one or set a fallback)`, 'invalid_request_error'));
    }
    if (endpoint === 'responses') return answer(200, responsesResult(request, reply));
    const completion = chatCompletion(request, reply);
    if (body.stream === true) {
      // Recorded like any other call; then the body goes out as server-sent events.
      record(200);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const chunk of chatCompletionChunks(completion)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      res.end('data: [DONE]\n\n');
      return;
    }
    answer(200, completion);
  }

  private async nextReply(request: ModelRequest): Promise<ModelReply | undefined> {
    const step = this.script.shift() ?? this.fallback;
    if (!step) return undefined;
    return typeof step === 'function' ? step(request) : step;
  }

  private embeddings(body: Record<string, unknown>): Record<string, unknown> {
    const model = typeof body.model === 'string' ? body.model : 'text-embedding-3-small';
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    // Token-id arrays are embedded by their digits; the model would see tokens, the hash sees words.
    const texts = inputs.map((i) => (typeof i === 'string' ? i : JSON.stringify(i)));
    const dims = typeof body.dimensions === 'number' ? body.dimensions : defaultDimensions(model);
    const base64 = body.encoding_format === 'base64';
    const tokens = texts.reduce((n, t) => n + approxTokens(t), 0);
    return {
      object: 'list',
      model,
      data: texts.map((t, index) => {
        const vec = hashedEmbedding(t, dims);
        return { object: 'embedding', index, embedding: base64 ? toBase64(vec) : Array.from(vec) };
      }),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  }
}
