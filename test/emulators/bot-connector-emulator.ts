import type { IncomingMessage, ServerResponse } from 'node:http';
import { CallLog, FailureQueue, headerValue, HttpEmulatorServer, retryHeaders, sendJson, type FailureSpec } from './http-emulator.js';

/** Which Connector operation a request is; failures can target one. */
export type ConnectorRoute =
  | 'send'
  | 'reply'
  | 'update'
  | 'delete'
  | 'createConversation'
  | 'members'
  | 'member'
  | 'pagedMembers'
  | 'teamConversations'
  | 'teamDetails';

export interface ConnectorFailure extends FailureSpec {
  /** Only calls of this route fail; any route if omitted. */
  route?: ConnectorRoute;
}

export interface ConnectorCall {
  route: ConnectorRoute | 'unknown';
  method: string;
  path: string;
  body: unknown;
  /** The Authorization header as sent (botbuilder sends none when MicrosoftAppId is empty). */
  authorization: string | undefined;
  status: number;
  at: Date;
}

/** A bot's outgoing activity as the Connector received it. */
export interface ActivityRecord {
  kind: 'send' | 'reply' | 'update' | 'delete';
  conversationId: string;
  /** The id the Connector assigned (send/reply) or the one targeted (update/delete). */
  activityId: string;
  /** For a reply: the activity replied to. */
  replyToId?: string;
  activity: BotActivity;
  authorization: string | undefined;
  at: Date;
}

/** The parts of an activity tests look at; everything else passes through untouched. */
export interface BotActivity {
  type?: string;
  id?: string;
  text?: string;
  attachments?: { contentType: string; content?: unknown }[];
  replyToId?: string;
  [key: string]: unknown;
}

export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  tenantId?: string;
  userRole?: 'user' | 'guest';
}

export interface TeamInfo {
  id: string;
  name: string;
  aadGroupId?: string;
  /** Channels besides General (whose id is the team id). */
  channels?: { id: string; name: string }[];
}

export interface CreatedConversation {
  id: string;
  parameters: Record<string, unknown>;
  at: Date;
}

export interface BotConnectorEmulatorOptions {
  /** Answer 401 to calls without `Authorization: Bearer ...`. */
  requireAuth?: boolean;
  /** Answer 401 to calls whose Authorization header this refuses (e.g. a token the auth emulator did not issue). */
  verifyAuth?: (authorization: string | undefined) => boolean;
}

interface Match {
  route: ConnectorRoute;
  conversationId?: string;
  activityId?: string;
  userId?: string;
  teamId?: string;
}

function matchRoute(method: string, path: string): Match | undefined {
  const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (seg[0] !== 'v3') return undefined;
  if (seg[1] === 'teams' && seg[2]) {
    if (method === 'GET' && seg[3] === 'conversations' && seg.length === 4) return { route: 'teamConversations', teamId: seg[2] };
    if (method === 'GET' && seg.length === 3) return { route: 'teamDetails', teamId: seg[2] };
    return undefined;
  }
  if (seg[1] !== 'conversations') return undefined;
  if (seg.length === 2) return method === 'POST' ? { route: 'createConversation' } : undefined;
  const conversationId = seg[2]!;
  if (seg[3] === 'activities') {
    const activityId = seg[4];
    if (!activityId) return method === 'POST' ? { route: 'send', conversationId } : undefined;
    if (seg.length !== 5) return undefined;
    const byMethod: Record<string, ConnectorRoute> = { POST: 'reply', PUT: 'update', DELETE: 'delete' };
    const route = byMethod[method];
    return route ? { route, conversationId, activityId } : undefined;
  }
  if (method !== 'GET') return undefined;
  if (seg[3] === 'members') {
    return seg[4] ? { route: 'member', conversationId, userId: seg[4] } : { route: 'members', conversationId };
  }
  if (seg[3] === 'pagedmembers') return { route: 'pagedMembers', conversationId };
  return undefined;
}

/**
 * Bot Framework Connector (Teams flavour) on 127.0.0.1: point an activity's `serviceUrl` at
 * `url` and botbuilder sends, replies, updates and looks members up here.
 */
export class BotConnectorEmulator {
  private readonly server = new HttpEmulatorServer('bot-connector-emulator');
  private readonly callLog = new CallLog<ConnectorCall>();
  private readonly activityLog = new CallLog<ActivityRecord>();
  private readonly created: CreatedConversation[] = [];
  private readonly failures = new FailureQueue<ConnectorFailure>();
  private readonly members = new Map<string, TeamsMember>();
  private readonly teams = new Map<string, TeamInfo>();
  private seq = 0;
  private readonly epochMs = Date.now();

  constructor(private readonly options: BotConnectorEmulatorOptions = {}) {}

  /** Sets how calls are authorised (e.g. once the auth emulator exists). */
  authorize(verify: (authorization: string | undefined) => boolean): void {
    this.options.verifyAuth = verify;
  }

  get url(): string {
    return this.server.url;
  }

  start(): Promise<{ url: string }> {
    return this.server.start((req, res, body) => this.route(req, res, body));
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  // ---- seeding ----
  /** A user every conversation reports as a member (Teams answers per conversation; tests rarely care). */
  addMember(member: TeamsMember): TeamsMember {
    this.members.set(member.id, member);
    return member;
  }

  addTeam(team: TeamInfo): TeamInfo {
    this.teams.set(team.id, team);
    return team;
  }

  failNext(failure: ConnectorFailure): void {
    this.failures.add(failure.route, failure);
  }

  // ---- inspection ----
  calls(route?: ConnectorRoute): ConnectorCall[] {
    return this.callLog.all().filter((c) => route === undefined || c.route === route);
  }

  /** Activities sent or replied (not updates or deletes). */
  activities(): ActivityRecord[] {
    return this.activityLog.all().filter((a) => a.kind === 'send' || a.kind === 'reply');
  }

  updates(): ActivityRecord[] {
    return this.activityLog.all().filter((a) => a.kind === 'update');
  }

  deletes(): ActivityRecord[] {
    return this.activityLog.all().filter((a) => a.kind === 'delete');
  }

  conversations(): CreatedConversation[] {
    return [...this.created];
  }

  /** Resolves with the first recorded send/reply/update/delete matching `predicate`. */
  waitFor(predicate: (record: ActivityRecord) => boolean, timeoutMs = 2_000): Promise<ActivityRecord> {
    return this.activityLog.waitFor(predicate, timeoutMs, 'a Connector activity');
  }

  reset(): void {
    this.callLog.clear();
    this.activityLog.clear();
    this.created.length = 0;
    this.failures.clear();
  }

  // ---- routing ----
  private nextActivityId(): string {
    this.seq += 1;
    return String(this.epochMs + this.seq); // Teams activity ids are millisecond timestamps
  }

  private async route(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const authorization = headerValue(req, 'authorization');
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = raw.toString('utf8');
      }
    }
    const match = matchRoute(method, path);
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      this.callLog.add({ route: match?.route ?? 'unknown', method, path, body, authorization, status, at: new Date() });
      sendJson(res, status, payload, headers);
    };
    const error = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
      answer(status, { error: { code, message } }, headers);

    if (!match) return error(404, 'NotFound', `No route for ${method} ${path}`);

    const failure = this.failures.take(match.route);
    if (failure?.delayMs && !(await this.server.delay(res, failure.delayMs))) return;
    if (failure?.status === 429) {
      return error(429, 'Throttled', 'Too many requests', retryHeaders({ ...failure, retryAfter: failure.retryAfter ?? 1 }));
    }
    if (failure?.status) return error(failure.status, 'ServiceError', 'Injected failure', retryHeaders(failure));

    if (this.options.requireAuth && !/^Bearer\s+\S+/i.test(authorization ?? '')) {
      return error(401, 'Unauthorized', 'Authorization has been denied for this request.');
    }
    if (this.options.verifyAuth && !this.options.verifyAuth(authorization)) {
      return error(401, 'Unauthorized', 'The bearer token was not issued for this bot.');
    }
    const result = this.handle(match, body as BotActivity & Record<string, unknown>, authorization);
    answer(result.status, result.payload);
  }

  private handle(m: Match, body: BotActivity & Record<string, unknown>, authorization: string | undefined): { status: number; payload: unknown } {
    const at = new Date();
    const notFound = (code: string, message: string) => ({ status: 404, payload: { error: { code, message } } });
    switch (m.route) {
      case 'send':
      case 'reply': {
        const activityId = this.nextActivityId();
        this.activityLog.add({
          kind: m.route,
          conversationId: m.conversationId!,
          activityId,
          ...(m.route === 'reply' ? { replyToId: m.activityId! } : {}),
          activity: body,
          authorization,
          at,
        });
        return { status: 200, payload: { id: activityId } };
      }
      case 'update':
      case 'delete':
        this.activityLog.add({ kind: m.route, conversationId: m.conversationId!, activityId: m.activityId!, activity: body ?? {}, authorization, at });
        return { status: 200, payload: m.route === 'update' ? { id: m.activityId } : undefined };
      case 'createConversation':
        return { status: 200, payload: this.createConversation(body, authorization) };
      case 'members':
        return { status: 200, payload: [...this.members.values()] };
      case 'pagedMembers':
        return { status: 200, payload: { members: [...this.members.values()] } };
      case 'member': {
        const member = this.members.get(m.userId!) ?? [...this.members.values()].find((x) => x.aadObjectId === m.userId);
        return member ? { status: 200, payload: member } : notFound('MemberNotFoundInConversation', 'The user is not a member of the conversation');
      }
      case 'teamConversations': {
        const team = this.teams.get(m.teamId!);
        if (!team) return notFound('TeamNotFound', 'Team not found');
        return { status: 200, payload: { conversations: [{ id: team.id }, ...(team.channels ?? [])] } };
      }
      case 'teamDetails': {
        const team = this.teams.get(m.teamId!);
        if (!team) return notFound('TeamNotFound', 'Team not found');
        return { status: 200, payload: { id: team.id, name: team.name, aadGroupId: team.aadGroupId ?? `aad-${team.id}` } };
      }
    }
  }

  /** A 1:1 with the same user is the same conversation, as in Teams; a channel post starts a thread. */
  private createConversation(params: Record<string, unknown>, authorization: string | undefined): { id: string; activityId?: string } {
    const members = (params.members as { id: string }[] | undefined) ?? [];
    const channelId = (params.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    const activity = params.activity as BotActivity | undefined;
    let id: string;
    let activityId: string | undefined;
    if (channelId && activity) {
      activityId = this.nextActivityId();
      id = `${channelId};messageid=${activityId}`;
    } else {
      id = `a:dm-${members.map((x) => x.id).join('-') || 'unknown'}`;
    }
    this.created.push({ id, parameters: params, at: new Date() });
    if (activity) {
      activityId ??= this.nextActivityId();
      this.activityLog.add({ kind: 'send', conversationId: id, activityId, activity, authorization, at: new Date() });
    }
    return { id, ...(activityId ? { activityId } : {}) };
  }
}
