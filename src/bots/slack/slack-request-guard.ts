import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../../core/ports/clock.js';
import { refuse } from '../../http/create-http-app.js';
import { clientIp, type ChatRateLimits } from '../../http/rate-limiter.js';
import type { Logger } from '../../core/ports/logger.js';
import type { RequestClaims } from '../../core/ports/request-claims.js';

/** Slack's own rule: a request stamped more than five minutes from now (either way) is refused. */
const SLACK_MAX_SKEW_MS = 5 * 60_000;
/** Slack retries an event for about an hour at most; claims are kept that long, then swept. */
const SLACK_CLAIM_KEEP_MS = 60 * 60_000;
/** Larger than any command, interaction or event Slack sends (a modal's view JSON, form-encoded). */
const SLACK_BODY_LIMIT = '1mb';

const SLOW_DOWN = 'You are sending Clause requests faster than it can take them; please wait a minute and try again. Nothing was changed.';

const ZUser = z.object({ id: z.string().min(1) }).loose();
/** Interactive payloads (`payload=` JSON): every kind Clause can get names the person who acted. */
const ZInteraction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('block_actions'), user: ZUser, actions: z.array(z.object({ action_id: z.string().min(1) }).loose()).min(1) }).loose(),
  z.object({ type: z.literal('view_submission'), user: ZUser, view: z.object({ id: z.string().min(1), callback_id: z.string() }).loose() }).loose(),
  z.object({ type: z.literal('view_closed'), user: ZUser }).loose(),
  z.object({ type: z.literal('shortcut'), user: ZUser }).loose(),
  z.object({ type: z.literal('message_action'), user: ZUser }).loose(),
  z.object({ type: z.literal('block_suggestion'), user: ZUser }).loose(),
]);
const ZSlashCommand = z.object({ command: z.string().min(1), user_id: z.string().min(1), trigger_id: z.string().min(1) }).loose();
const ZEventEnvelope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event_callback'), event_id: z.string().min(1), event: z.object({ type: z.string() }).loose() }).loose(),
  z.object({ type: z.literal('url_verification'), challenge: z.string() }).loose(),
  z.object({ type: z.literal('app_rate_limited') }).loose(),
]);

/** What a request is, read from its body: used for the claim id, the user and the answers. */
type SlackRequest =
  | { kind: 'interaction'; userId: string; type: string; responseUrl?: string; claimId?: string }
  | { kind: 'command'; userId: string; claimId: string }
  | { kind: 'event'; userId?: string; claimId: string }
  | { kind: 'other' };

function readBody(raw: string, contentType: string | undefined): { ok: true; request: SlackRequest } | { ok: false; problem: string } {
  const form = (contentType ?? '').split(';')[0]!.trim() === 'application/x-www-form-urlencoded';
  let parsed: unknown;
  try {
    if (form) {
      const fields = parseQuery(raw);
      parsed = typeof fields.payload === 'string' ? { payload: JSON.parse(fields.payload) as unknown } : fields;
    } else {
      parsed = JSON.parse(raw);
    }
  } catch {
    return { ok: false, problem: 'the body is not valid JSON or form data' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, problem: 'the body is not an object' };
  if ('payload' in parsed) {
    const p = ZInteraction.safeParse((parsed as { payload: unknown }).payload);
    if (!p.success) return { ok: false, problem: `an interaction without ${p.error.issues[0]?.path.join('.') || 'a known type'}` };
    const responseUrl = (p.data as { response_url?: unknown }).response_url;
    return {
      ok: true,
      request: {
        kind: 'interaction',
        userId: p.data.user.id,
        type: p.data.type,
        ...(typeof responseUrl === 'string' ? { responseUrl } : {}),
      },
    };
  }
  if (form) {
    // Slack's certificate check for slash command URLs (answered by Bolt): no user, nothing to do.
    if ((parsed as { ssl_check?: unknown }).ssl_check === '1') return { ok: true, request: { kind: 'other' } };
    const c = ZSlashCommand.safeParse(parsed);
    if (!c.success) return { ok: false, problem: `a slash command without ${c.error.issues[0]?.path.join('.') ?? 'its fields'}` };
    return { ok: true, request: { kind: 'command', userId: c.data.user_id, claimId: `trigger:${c.data.trigger_id}` } };
  }
  const e = ZEventEnvelope.safeParse(parsed);
  if (!e.success) return { ok: false, problem: `an event without ${e.error.issues[0]?.path.join('.') || 'a known type'}` };
  if (e.data.type !== 'event_callback') return { ok: true, request: { kind: 'other' } };
  const user = (e.data.event as { user?: unknown }).user;
  return { ok: true, request: { kind: 'event', claimId: `event:${e.data.event_id}`, ...(typeof user === 'string' && user ? { userId: user } : {}) } };
}

/** Constant-time check of `v0=` HMAC-SHA256 over `v0:{timestamp}:{body}`. */
function slackSignatureValid(secret: string, timestamp: string, raw: Buffer, signature: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(raw).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface SlackGuardOptions {
  signingSecret: string;
  clock: Clock;
  logger: Logger;
  claims: RequestClaims;
  limits: ChatRateLimits;
  /** Tells a rate-limited person to slow down (ephemeral through response_url, else a DM). */
  tellUser: (userId: string, responseUrl: string | undefined, text: string) => Promise<void>;
}

/**
 * In front of Bolt on POST /slack/events (Bolt's own signature check is off; this one replaces
 * it): per-IP limit (429), body size (413), signature in constant time and a timestamp within
 * five minutes of the injected Clock either way (401), a body that names its user (400), then ONE
 * insert claim: an exact replay (same id, same signature) is 401 and nothing is done; a re-signed
 * repeat of an event or command (a Slack retry) is 200 and nothing is done. Per-user limit last
 * (200 with "slow down"). Bolt then reads the body from `req.rawBody`.
 */
export function slackRequestGuard(options: SlackGuardOptions): RequestHandler[] {
  const { logger, limits } = options;
  const perIp: RequestHandler = (req, res, next) => {
    if (limits.perIp.take(clientIp(req))) return next();
    refuse(logger, req, res, 429, 'too many requests from this address', { ip: clientIp(req) });
  };
  const raw = express.raw({ type: () => true, limit: SLACK_BODY_LIMIT });
  const check = async (req: Request, res: Response, next: (err?: unknown) => void) => {
    try {
      const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signature = req.get('x-slack-signature');
      const timestamp = req.get('x-slack-request-timestamp');
      if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return refuse(logger, req, res, 401, 'Slack signature headers missing or malformed');
      const skew = Number(timestamp) * 1000 - options.clock.now().getTime();
      if (Math.abs(skew) > SLACK_MAX_SKEW_MS)
        return refuse(logger, req, res, 401, `Slack request timestamp ${skew > 0 ? 'in the future' : 'too old'} (${Math.round(skew / 1000)} s)`);
      if (!slackSignatureValid(options.signingSecret, timestamp, body, signature)) return refuse(logger, req, res, 401, 'Slack signature does not match');
      const read = readBody(body.toString('utf8'), req.get('content-type'));
      if (!read.ok) return refuse(logger, req, res, 400, read.problem);
      const request = read.request;
      const sig = createHash('sha256').update(signature).digest('base64url');
      const claimId = ('claimId' in request && request.claimId) || `sig:${sig}`;
      let claim: Awaited<ReturnType<RequestClaims['claim']>>;
      try {
        claim = await options.claims.claim(claimId, sig, SLACK_CLAIM_KEEP_MS);
      } catch (error) {
        // Without the claim a replay cannot be told from a first request: do nothing, and let
        // Slack retry later (503 is a server state, not a fault in the request).
        logger.warn(
          { claim: claimId, err: error instanceof Error ? error.message : String(error) },
          'Slack request not handled: the replay check could not reach the database',
        );
        res.status(503).set('Retry-After', '5').json({ error: 'service unavailable, retry later' });
        return;
      }
      if (claim.outcome === 'replay') return refuse(logger, req, res, 401, 'replayed Slack request (signature already used)', { claim: claimId });
      if (claim.outcome === 'repeat') {
        logger.info({ claim: claimId, retry: req.get('x-slack-retry-num') }, 'Slack repeat (retry) of a request already handled; answered 200, nothing done');
        res.status(200).end();
        return;
      }
      if ('userId' in request && request.userId && !limits.perUser.take(`slack:${request.userId}`)) {
        logger.warn({ user: request.userId, kind: request.kind }, 'Slack user rate-limited');
        if (request.kind === 'command') {
          res.status(200).json({ response_type: 'ephemeral', text: SLOW_DOWN });
          return;
        }
        res.status(200).end();
        if (limits.warned.take(`slack:${request.userId}`)) {
          await options.tellUser(request.userId, request.kind === 'interaction' ? request.responseUrl : undefined, SLOW_DOWN);
        }
        return;
      }
      (req as Request & { rawBody?: Buffer }).rawBody = body;
      next();
    } catch (error) {
      next(error);
    }
  };
  return [perIp, raw, check];
}

/**
 * Socket Mode has no HTTP request for the guard to check (Slack authenticates the socket), but
 * Slack still redelivers events: this Bolt middleware handles each `event_id` once, with the same
 * insert claim as the guard. Events are acknowledged by Bolt before middleware runs.
 */
export function eventOncePerId(claims: RequestClaims, logger: Logger): (args: { body: unknown; next: () => Promise<void> }) => Promise<void> {
  return async ({ body, next }) => {
    const b = body as { type?: unknown; event_id?: unknown };
    if (b.type === 'event_callback' && typeof b.event_id === 'string' && b.event_id) {
      const claim = await claims.claim(`event:${b.event_id}`, 'socket-mode', SLACK_CLAIM_KEEP_MS);
      if (claim.outcome !== 'first') {
        logger.info({ claim: `event:${b.event_id}` }, 'Slack event already handled (redelivery); nothing done');
        return;
      }
    }
    await next();
  };
}
