import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  bearerToken,
  CallLog,
  FailureQueue,
  headerValue,
  HttpEmulatorServer,
  parseMultipart,
  retryHeaders,
  sendJson,
  type FailureSpec,
} from './http-emulator.js';
import { parseSlackArgs, type SlackArgs } from './slack/parse-slack-args.js';
import { SlackWorkspace, type SlackResult, type SlackWorkspaceOptions } from './slack/slack-workspace.js';
import type { SlackChannel, SlackEphemeral, SlackFile, SlackMessage, SlackUser, SlackUserInput, SlackView } from './slack/slack-objects.js';

export type { SlackChannel, SlackEphemeral, SlackFile, SlackMessage, SlackUser, SlackUserInput, SlackView };

export interface SlackApiCall {
  method: string;
  args: SlackArgs;
  /** The token the caller presented (header or `token` field), if any. */
  token: string | undefined;
  at: Date;
  /** HTTP status and body the emulator answered with. */
  status: number;
  result: SlackResult;
}

export interface SlackFailure extends FailureSpec {
  /** Answer HTTP 200 with `{ok:false, error}` instead of an HTTP failure. */
  error?: string;
  /**
   * Carry the call out (the message is posted) and then hold the answer for `delayMs` (a client
   * time-out loses it): Slack did the work but the caller cannot know.
   */
  afterProcessing?: boolean;
}

export interface ResponseUrlPost {
  id: string;
  body: unknown;
  at: Date;
}

export interface SlackApiEmulatorOptions extends Partial<SlackWorkspaceOptions> {
  /** The bot token calls must present; default 'xoxb-test-token'. */
  botToken?: string;
}

/**
 * Slack Web API on 127.0.0.1, for `new WebClient(token, { slackApiUrl: url + '/api/' })` and
 * Bolt's `clientOptions.slackApiUrl`. Also serves the file upload URL, private file downloads
 * and `response_url`s.
 */
export class SlackApiEmulator {
  readonly botToken: string;
  private readonly workspaceOptions: SlackWorkspaceOptions;
  /** State behind the API (users, channels, messages, views, files); replaced by reset(). */
  workspace: SlackWorkspace;
  private readonly server = new HttpEmulatorServer('slack-api-emulator');
  private readonly log = new CallLog<SlackApiCall>();
  private readonly responsePosts = new CallLog<ResponseUrlPost>();
  private readonly failures = new FailureQueue<SlackFailure>();

  constructor(options: SlackApiEmulatorOptions = {}) {
    this.botToken = options.botToken ?? 'xoxb-test-token';
    this.workspaceOptions = {
      teamId: options.teamId ?? 'T0CLAUSE',
      teamName: options.teamName ?? 'clause-test',
      botUserId: options.botUserId ?? 'UBOTCLAUSE',
      botId: options.botId ?? 'BCLAUSE',
      appId: options.appId ?? 'ACLAUSE',
    };
    this.workspace = new SlackWorkspace(this.workspaceOptions);
  }

  get url(): string {
    return this.server.url;
  }

  /** What to pass as `slackApiUrl` (with the trailing slash the WebClient expects). */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  async start(): Promise<{ url: string }> {
    const started = await this.server.start((req, res, body) => this.route(req, res, body));
    this.workspace.baseUrl = started.url;
    return started;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  // ---- seeding ----
  addUser(user: SlackUserInput): SlackUser {
    return this.workspace.addUser(user);
  }

  addChannel(channel: Partial<SlackChannel> & { id: string }): SlackChannel {
    return this.workspace.addChannel(channel);
  }

  /** A file a user "shared" (for import tests); its bytes are served at `url_private_download`. */
  addFile(file: { name: string; bytes: Buffer | string; title?: string; user?: string; mimetype?: string }): SlackFile {
    return this.workspace.addFile(file);
  }

  // ---- failure injection ----
  /**
   * The next `times` (default 1) calls of `method` fail as described. `upload` names the POST of
   * a file's bytes to its upload_url (HTTP failures only, as that endpoint has no `ok:false`).
   */
  failNext(method: string, failure: SlackFailure): void {
    this.failures.add(method, failure);
  }

  /** Every call of `method` fails as described until clearFailures(). */
  failAlways(method: string, failure: Omit<SlackFailure, 'times'>): void {
    this.failures.add(method, { ...failure, times: Number.POSITIVE_INFINITY });
  }

  /** Forgets queued failures (the API answers normally again). */
  clearFailures(): void {
    this.failures.clear();
  }

  /** Messages in a channel that carry Clause's delivery metadata, by delivery id. */
  deliveries(channel?: string): Array<{ channel: string; deliveryId: string; message: SlackMessage }> {
    const out: Array<{ channel: string; deliveryId: string; message: SlackMessage }> = [];
    for (const [ch, list] of this.workspace.messages) {
      if (channel && ch !== channel) continue;
      for (const m of list) {
        const meta = m.metadata as { event_type?: string; event_payload?: { delivery_id?: string } } | undefined;
        if (meta?.event_type === 'clause_delivery' && meta.event_payload?.delivery_id)
          out.push({ channel: ch, deliveryId: meta.event_payload.delivery_id, message: m });
      }
    }
    return out;
  }

  // ---- inspection ----
  calls(method?: string): SlackApiCall[] {
    return this.log.all().filter((c) => method === undefined || c.method === method);
  }

  waitFor(method: string, predicate: (call: SlackApiCall) => boolean = () => true, timeoutMs = 2_000): Promise<SlackApiCall> {
    return this.log.waitFor((c) => c.method === method && c.result.ok && predicate(c), timeoutMs, `Slack ${method}`);
  }

  messages(channel: string): SlackMessage[] {
    return [...(this.workspace.messages.get(channel) ?? [])];
  }

  ephemerals(): SlackEphemeral[] {
    return [...this.workspace.ephemerals];
  }

  views(): SlackView[] {
    return [...this.workspace.views.values()];
  }

  homeView(userId: string): SlackView | undefined {
    return this.workspace.homeViews.get(userId);
  }

  /** Files completed through the upload flow or added with addFile, with their bytes. */
  files(): SlackFile[] {
    return [...this.workspace.files.values()];
  }

  /** A `response_url` on this emulator; whatever is POSTed to it is recorded under `id`. */
  responseUrl(id: string): string {
    return `${this.url}/response-url/${encodeURIComponent(id)}`;
  }

  responses(id?: string): ResponseUrlPost[] {
    return this.responsePosts.all().filter((r) => id === undefined || r.id === id);
  }

  waitForResponse(id: string, predicate: (post: ResponseUrlPost) => boolean = () => true, timeoutMs = 2_000): Promise<ResponseUrlPost> {
    return this.responsePosts.waitFor((r) => r.id === id && predicate(r), timeoutMs, `response_url ${id}`);
  }

  /** Forgets calls, queued failures and all workspace state (users and channels too). */
  reset(): void {
    const baseUrl = this.workspace.baseUrl;
    this.workspace = new SlackWorkspace(this.workspaceOptions);
    this.workspace.baseUrl = baseUrl;
    this.log.clear();
    this.responsePosts.clear();
    this.failures.clear();
  }

  // ---- routing ----
  private async route(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const api = path.match(/^\/api\/([\w.]+)$/);
    if (api) return this.handleApi(api[1]!, req, res, body);
    const upload = path.match(/^\/upload\/v1\/(\w+)$/);
    if (upload && req.method === 'POST') return this.handleUpload(upload[1]!, req, res, body);
    const download = path.match(/^\/files-pri\/[^/]+-(\w+)\//);
    if (download && req.method === 'GET') return this.handleDownload(download[1]!, req, res);
    const responseUrl = path.match(/^\/response-url\/([^/]+)$/);
    if (responseUrl && req.method === 'POST') {
      const text = body.toString('utf8');
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Slack accepts JSON only; record the raw text so a test can see the mistake.
      }
      this.responsePosts.add({ id: decodeURIComponent(responseUrl[1]!), body: parsed, at: new Date() });
      return sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  private async handleApi(method: string, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const args = await parseSlackArgs(req, body);
    const token = bearerToken(req) ?? (typeof args.token === 'string' ? args.token : undefined);
    delete args.token;
    const answer = (status: number, result: SlackResult, headers: Record<string, string> = {}) => {
      this.log.add({ method, args, token, at: new Date(), status, result });
      sendJson(res, status, result, headers);
    };

    const handler = this.workspace.methods[method];
    if (!handler) return answer(200, { ok: false, error: 'unknown_method' });

    const failure = this.failures.take(method);
    if (failure?.afterProcessing) {
      // The work is done (and logged); the answer is held until the client gives up.
      const result = handler(args);
      this.log.add({ method, args, token, at: new Date(), status: 0, result });
      if (await this.server.delay(res, failure.delayMs ?? 60_000)) sendJson(res, 200, result);
      return;
    }
    if (failure?.delayMs && !(await this.server.delay(res, failure.delayMs))) return;
    if (failure?.status === 429) {
      return answer(429, { ok: false, error: 'ratelimited' }, retryHeaders({ ...failure, retryAfter: failure.retryAfter ?? 1 }));
    }
    if (failure?.status && failure.status !== 200) {
      return answer(failure.status, { ok: false, error: 'fatal_error' }, retryHeaders(failure));
    }
    if (failure?.error) return answer(200, { ok: false, error: failure.error });

    if (method !== 'api.test') {
      if (!token) return answer(200, { ok: false, error: 'not_authed' });
      if (token !== this.botToken) return answer(200, { ok: false, error: 'invalid_auth' });
    }
    answer(200, handler(args));
  }

  private async handleUpload(fileId: string, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    // failNext('upload', …) fails the upload step itself (the POST of the bytes to upload_url).
    const failure = this.failures.take('upload');
    if (failure?.delayMs && !(await this.server.delay(res, failure.delayMs))) return;
    if (failure?.status && failure.status !== 200) {
      res.writeHead(failure.status, { 'content-type': 'text/plain', ...retryHeaders(failure) }).end('upload failed');
      return;
    }
    // The WebClient sends the bytes as a multipart field; curl-style clients send them raw.
    const contentType = headerValue(req, 'content-type') ?? '';
    let bytes = body;
    if (contentType.startsWith('multipart/form-data')) {
      const form = await parseMultipart(contentType, body);
      const part = [...form.values()].find((v) => typeof v !== 'string');
      bytes = part && typeof part !== 'string' ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    }
    if (!this.workspace.receiveUpload(fileId, bytes)) {
      res.writeHead(404).end('upload not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
  }

  private handleDownload(fileId: string, req: IncomingMessage, res: ServerResponse): void {
    // Real Slack answers an unauthenticated download with a login page; a 403 fails tests more clearly.
    if (bearerToken(req) !== this.botToken) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden: bot token required');
      return;
    }
    const file = this.workspace.files.get(fileId);
    if (!file?.bytes) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('file not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.bytes.length) }).end(file.bytes);
  }
}
