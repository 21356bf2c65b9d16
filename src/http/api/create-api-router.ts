/**
 * `/api/v1`: the REST API for CRMs and other systems. One router: bearer API keys with scopes,
 * zod-parsed input (the schemas in api-schemas.ts, also the OpenAPI document), core services for
 * every decision, and RFC 9457 problem documents for every refusal. Client errors are logged at
 * warn without a stack; anything unexpected is a 500 with a generic body, logged as an error.
 */
import express from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import type { TermDeps } from '../../core/ask/term-deps.js';
import { calendarDateIn } from '../../core/domain/calendar-date.js';
import { latestVersion, type Contract, type ContractStatus } from '../../core/domain/contract.js';
import type { UserRef } from '../../core/domain/user-ref.js';
import { AppErrorCode, isAppError } from '../../core/errors.js';
import type { ContractsByEmail } from '../../core/ports/contracts-by-email.js';
import type { SignatureRequest } from '../../core/ports/signature-requests.js';
import type { RenewalRepository } from '../../core/ports/renewal-repository.js';
import { attachContractDocument } from '../../core/services/attach-contract-document.js';
import { findContract } from '../../core/services/find-contract.js';
import { getAuditTrail } from '../../core/services/get-audit-trail.js';
import { listUpcomingRenewals } from '../../core/services/list-upcoming-renewals.js';
import { requestContractFromSystem } from '../../core/services/request-contract-from-system.js';
import type { ApiKey, ApiScope, MongoApiKeys } from '../../infra/mongo/mongo-api-keys.js';
import { hashText, type MongoIdempotency } from '../../infra/mongo/mongo-idempotency.js';
import { TokenBuckets } from '../rate-limiter.js';
import { ZContractRequestBody, ZContractRef, ZListContractsQuery, ZRenewalsQuery, type ApiContract, type ContractRequestBody } from './api-schemas.js';
import { renderDocsPage } from './docs-page.js';
import { buildOpenApiDocument } from './openapi.js';
import { ApiProblem, fieldErrors, sendProblem } from './problem.js';
import { webhookRoutes } from './webhook-routes.js';
import type { WebhookSubscriptions } from '../../core/ports/webhook-subscriptions.js';
import type { WebhookUrlCheck } from '../../core/ports/webhook-transport.js';

export interface ApiDeps {
  ctx: AppContext;
  keys: MongoApiKeys;
  idempotency: MongoIdempotency;
  renewals: RenewalRepository;
  contractsByEmail: ContractsByEmail;
  /** Upload reading and document storage (shared with the chat uploads). */
  terms: () => Promise<Pick<TermDeps, 'store' | 'documents' | 'reader' | 'maxFileBytes' | 'clock'>>;
  /** Requests per API key per minute (0: no limit). */
  perKeyPerMinute: number;
  /** Outbound webhook subscriptions (`/webhooks`). */
  webhooks: WebhookSubscriptions;
  /** Whether a receiver URL may be subscribed (internal addresses, WEBHOOK_ALLOW_PRIVATE_URLS). */
  checkWebhookUrl: WebhookUrlCheck;
}

interface Authed {
  key: ApiKey;
  actor: UserRef;
}

const JSON_LIMIT = '100kb';
const UPLOAD_TYPES = new Set(['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/octet-stream']);

/** The HTTP status of a core refusal. */
const APP_ERROR_STATUS: Record<string, [number, string]> = {
  [AppErrorCode.InvalidInput]: [422, 'invalid_input'],
  [AppErrorCode.NotFound]: [404, 'not_found'],
  [AppErrorCode.IllegalTransition]: [409, 'illegal_transition'],
  [AppErrorCode.Conflict]: [409, 'conflict'],
  [AppErrorCode.Forbidden]: [403, 'forbidden'],
  [AppErrorCode.AlreadyDecided]: [409, 'already_decided'],
  [AppErrorCode.TemplateVariable]: [422, 'template_variable'],
  [AppErrorCode.Unavailable]: [503, 'unavailable'],
};

function parse<S extends z.ZodType>(schema: S, input: unknown, code: string, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ApiProblem(400, code, `Invalid ${what}.`, fieldErrors(result.error));
  return result.data;
}

function parseRef(raw: string): string {
  return parse(ZContractRef, raw, 'invalid_ref', 'contract reference').toUpperCase();
}

function toApiContract(c: Contract): ApiContract {
  const person = (u: UserRef) => ({
    platform: u.platform,
    id: u.id,
    ...(u.email ? { email: u.email } : {}),
    ...(u.displayName ? { displayName: u.displayName } : {}),
  });
  const { crmDealId, crmDealUrl, ...keyTerms } = c.keyTerms;
  return {
    ref: c.ref,
    title: c.title,
    type: c.type,
    counterparty: c.counterparty,
    status: c.status,
    ...(c.value ? { value: { amountMinor: c.value.amountMinor, currency: c.value.currency } } : {}),
    ...(c.startDate ? { startDate: c.startDate } : {}),
    ...(c.endDate ? { endDate: c.endDate } : {}),
    ...(c.termMonths ? { termMonths: c.termMonths } : {}),
    autoRenews: c.autoRenews,
    ...(c.renewalTermMonths ? { renewalTermMonths: c.renewalTermMonths } : {}),
    ...(c.noticePeriodDays !== undefined ? { noticePeriodDays: c.noticePeriodDays } : {}),
    ...(c.governingLaw ? { governingLaw: c.governingLaw } : {}),
    ...(c.signedDate ? { signedDate: c.signedDate } : {}),
    owner: person(c.owner),
    requester: person(c.requester),
    ...(crmDealId ? { crmDeal: { id: crmDealId, ...(crmDealUrl ? { url: crmDealUrl } : {}) } } : {}),
    keyTerms,
    currentVersion: latestVersion(c)?.number ?? 0,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

function toApiSignature(r: SignatureRequest): NonNullable<ApiContract['signature']> {
  return {
    provider: r.provider,
    envelopeId: r.envelopeId,
    ...(r.url ? { url: r.url } : {}),
    status: r.status,
    sentAt: r.sentAt.toISOString(),
    ...(r.completedAt ? { completedAt: r.completedAt.toISOString() } : {}),
    signers: r.signers.map((s) => ({ name: s.name, email: s.email, status: s.status, ...(s.signedAt ? { signedAt: s.signedAt.toISOString() } : {}) })),
  };
}

/** Opaque cursor: the last item's (updatedAt, id), base64url JSON. */
const ZCursor = z.object({ u: z.string().datetime(), i: z.string().min(1).max(64) });
const encodeCursor = (c: Contract) => Buffer.from(JSON.stringify({ u: c.updatedAt.toISOString(), i: c.id })).toString('base64url');
function decodeCursor(cursor: string): { updatedAt: Date; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = ZCursor.safeParse(parsed);
  if (!result.success)
    throw new ApiProblem(400, 'invalid_cursor', 'The cursor is not one this API handed out; start again without it.', [
      { field: 'cursor', message: 'is not valid' },
    ]);
  return { updatedAt: new Date(result.data.u), id: result.data.i };
}

const crmExternalId = (dealId: string) => `crm:${dealId}`;

/** The requester as a UserRef: a chat id as given; an e-mail resolved to the chat identity Clause already knows for it, if any. */
async function resolveRequester(deps: ApiDeps, requester: ContractRequestBody['requester']): Promise<UserRef> {
  if ('platform' in requester) {
    return {
      platform: requester.platform,
      id: requester.id,
      ...(requester.tenantId ? { tenantId: requester.tenantId } : {}),
      ...(requester.email ? { email: requester.email } : {}),
    };
  }
  const email = requester.email.toLowerCase();
  for (const id of (await deps.contractsByEmail.contractIdsInvolvingEmail(email)).slice(0, 5)) {
    const c = await deps.ctx.store.contracts.findById(id);
    const known = [c?.requester, c?.owner].find((u) => u && u.email?.toLowerCase() === email && (u.platform === 'slack' || u.platform === 'teams'));
    if (known) return known;
  }
  return { platform: 'system', id: email, email };
}

export function createApiRouter(deps: ApiDeps): express.Router {
  const { ctx } = deps;
  const { logger, clock } = ctx;
  const router = express.Router();
  const limiter = new TokenBuckets(deps.perKeyPerMinute, 60_000, () => clock.now().getTime());
  const openapi = buildOpenApiDocument();
  const docsHtml = renderDocsPage(openapi as unknown as Record<string, unknown>);

  router.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(docsHtml);
  });

  const authed = (res: express.Response) => res.locals.api as Authed;
  const requireScope =
    (scope: ApiScope): express.RequestHandler =>
    async (req, res, next) => {
      try {
        const header = req.get('authorization') ?? '';
        const m = /^Bearer\s+(\S+)$/i.exec(header);
        if (!m) throw new ApiProblem(401, 'unauthenticated', 'Send an API key as `Authorization: Bearer <key>`.');
        const key = await deps.keys.authenticate(m[1]!, clock.now());
        if (!key) throw new ApiProblem(401, 'invalid_api_key', 'The API key is unknown or revoked.');
        if (!limiter.take(key.id)) {
          res.set('Retry-After', '60');
          throw new ApiProblem(429, 'rate_limited', 'Too many requests for this API key; slow down.');
        }
        if (!key.scopes.includes(scope))
          throw new ApiProblem(
            403,
            'insufficient_scope',
            `This endpoint needs the scope ${scope}; the key "${key.name}" has ${key.scopes.join(', ') || 'none'}.`,
          );
        res.locals.api = { key, actor: { platform: 'api', id: key.id, displayName: key.name } } satisfies Authed;
        next();
      } catch (error) {
        next(error);
      }
    };
  const jsonBody: express.RequestHandler = (req, _res, next) => {
    if (!req.is('application/json')) {
      next(new ApiProblem(415, 'unsupported_media_type', 'Send the body as application/json.'));
      return;
    }
    express.json({ limit: JSON_LIMIT })(req, _res, next);
  };

  /** Runs a write once per Idempotency-Key: replays a stored answer, refuses a reused key with another body. */
  async function idempotent(req: express.Request, res: express.Response, run: () => Promise<{ status: number; body: unknown }>): Promise<void> {
    const key = req.get('idempotency-key');
    if (key === undefined) {
      const out = await run();
      res.status(out.status).json(out.body);
      return;
    }
    if (key.length < 1 || key.length > 200) throw new ApiProblem(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1 to 200 characters.');
    const requestHash = hashText(`${req.method} ${req.baseUrl}${req.path}\n${JSON.stringify(req.body)}`);
    const claim = await deps.idempotency.claim(authed(res).key.id, key, requestHash, clock.now());
    if (claim.kind === 'mismatch')
      throw new ApiProblem(409, 'idempotency_key_reused', 'This Idempotency-Key was used with another request body; use a new key for a new request.');
    if (claim.kind === 'in_progress')
      throw new ApiProblem(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still running; retry later.');
    if (claim.kind === 'replay') {
      res.set('Idempotent-Replayed', 'true').status(claim.status).json(claim.body);
      return;
    }
    let out;
    try {
      out = await run();
    } catch (error) {
      await deps.idempotency.release(claim.id).catch((err: unknown) => logger.warn({ err }, 'releasing an idempotency claim failed'));
      throw error;
    }
    await deps.idempotency.complete(claim.id, out.status, out.body);
    res.status(out.status).json(out.body);
  }

  router.post('/contract-requests', requireScope('contracts:write'), jsonBody, async (req, res) => {
    const body = parse(ZContractRequestBody, req.body, 'invalid_body', 'contract request');
    await idempotent(req, res, async () => {
      const { actor } = authed(res);
      const requester = await resolveRequester(deps, body.requester);
      const terms = {
        title: body.title ?? `${body.type.toUpperCase()} with ${body.counterparty}`,
        type: body.type,
        counterparty: body.counterparty,
        ...(body.value ? { value: body.value } : {}),
        ...(body.startDate ? { startDate: body.startDate } : {}),
        ...(body.endDate ? { endDate: body.endDate } : {}),
        ...(body.termMonths ? { termMonths: body.termMonths } : {}),
        autoRenews: body.autoRenews ?? false,
        ...(body.renewalTermMonths ? { renewalTermMonths: body.renewalTermMonths } : {}),
        ...(body.noticePeriodDays !== undefined ? { noticePeriodDays: body.noticePeriodDays } : {}),
        ...(body.governingLaw ? { governingLaw: body.governingLaw } : {}),
        keyTerms: {
          crmDealId: body.deal.id,
          ...(body.deal.url ? { crmDealUrl: body.deal.url } : {}),
          ...(body.signer ? { signerEmail: body.signer.email, ...(body.signer.name ? { signerName: body.signer.name } : {}) } : {}),
        },
      };
      const out = await requestContractFromSystem(
        { ...ctx.approvals, companyName: ctx.env.COMPANY_NAME },
        {
          terms,
          requester,
          actor,
          externalId: crmExternalId(body.deal.id),
          submit: body.submit,
          ...(body.notes ? { notes: body.notes } : {}),
          ...(body.templateVariables ? { extraVariables: body.templateVariables } : {}),
        },
      );
      return {
        status: 201,
        body: {
          contract: toApiContract(out.contract),
          submitted: out.submitted,
          ...(out.approvalRound ? { approvalRound: out.approvalRound } : {}),
          requesterNotified: out.notified,
        },
      };
    });
  });

  router.get('/contracts', requireScope('contracts:read'), async (req, res) => {
    const q = parse(ZListContractsQuery, req.query, 'invalid_query', 'query');
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const items = await ctx.store.contracts.list({
      ...(q.status ? { statuses: [q.status as ContractStatus] } : {}),
      ...(q.counterparty ? { counterpartyContains: q.counterparty } : {}),
      ...(q.updatedSince ? { updatedSince: new Date(q.updatedSince) } : {}),
      ...(after ? { after } : {}),
      sort: 'updated',
      limit: q.limit + 1,
    });
    const page = items.slice(0, q.limit);
    res.json({ items: page.map(toApiContract), nextCursor: items.length > q.limit ? encodeCursor(page[page.length - 1]!) : null });
  });

  router.get('/contracts/:ref', requireScope('contracts:read'), async (req, res) => {
    const contract = await findContract(ctx.store, parseRef(String(req.params.ref)));
    const envelope = await ctx.signatures?.requests.latestFor(contract.id);
    res.json({ ...toApiContract(contract), ...(envelope ? { signature: toApiSignature(envelope) } : {}) });
  });

  router.get('/contracts/:ref/audit', requireScope('contracts:read'), async (req, res) => {
    const contract = await findContract(ctx.store, parseRef(String(req.params.ref)));
    const events = await getAuditTrail(ctx.store, contract.id);
    res.json({
      ref: contract.ref,
      events: events.map((e) => ({
        at: e.at.toISOString(),
        actor: {
          platform: e.actor.platform,
          id: e.actor.id,
          ...(e.actor.email ? { email: e.actor.email } : {}),
          ...(e.actor.displayName ? { displayName: e.actor.displayName } : {}),
        },
        action: e.action,
        ...(e.fromStatus ? { fromStatus: e.fromStatus } : {}),
        ...(e.toStatus ? { toStatus: e.toStatus } : {}),
        ...(e.details ? { details: e.details } : {}),
      })),
    });
  });

  router.post('/contracts/:ref/documents', requireScope('documents:write'), async (req, res, next) => {
    const ref = parseRef(String(req.params.ref));
    const fileName = parse(z.object({ fileName: z.string().trim().min(1).max(200) }), { fileName: req.query.fileName }, 'invalid_query', 'query').fileName;
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!UPLOAD_TYPES.has(type)) throw new ApiProblem(415, 'unsupported_media_type', `Send the file as ${[...UPLOAD_TYPES].join(', ')}.`);
    const terms = await deps.terms();
    await findContract(ctx.store, ref); // 404 before reading a large body
    express.raw({ type: () => true, limit: terms.maxFileBytes })(req, res, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
      attachContractDocument(terms, { ref, fileName, bytes, actor: authed(res).actor })
        .then((out) => res.status(201).json({ ref: out.contract.ref, fileName: out.fileName, mime: out.mime, characters: out.characters }))
        .catch(next);
    });
  });

  router.get('/renewals', requireScope('renewals:read'), async (req, res) => {
    const q = parse(ZRenewalsQuery, req.query, 'invalid_query', 'query');
    const out = await listUpcomingRenewals({ renewals: deps.renewals }, { days: q.days, today: calendarDateIn(clock.now()) });
    res.json({
      from: out.from,
      to: out.to,
      items: out.items.map((i) => ({
        contract: {
          ref: i.contract.ref,
          title: i.contract.title,
          counterparty: i.contract.counterparty,
          ...(i.contract.value ? { value: i.contract.value } : {}),
        },
        termEnd: i.termEnd,
        deadline: i.deadline,
        daysLeft: i.daysLeft,
        ...(i.decision ? { decision: i.decision } : {}),
      })),
      totals: out.totals,
    });
  });

  webhookRoutes(router, {
    subscriptions: deps.webhooks,
    checkUrl: deps.checkWebhookUrl,
    clock,
    requireScope,
    jsonBody,
    keyName: (res) => authed(res).key.name,
  });

  router.use((req, res) => {
    logger.warn({ status: 404, method: req.method, path: req.originalUrl.split('?')[0] }, 'refused: no such API route');
    sendProblem(res, req, 404, 'no_such_route', `There is no ${req.method} ${req.baseUrl}${req.path}; see ${req.baseUrl}/docs.`);
  });

  router.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const path = req.originalUrl.split('?')[0];
    let problem: ApiProblem | undefined;
    if (error instanceof ApiProblem) problem = error;
    else if (isAppError(error)) {
      const [status, code] = APP_ERROR_STATUS[error.code] ?? [422, 'refused'];
      const reason = error.details?.reason;
      const fields = error.details?.fields as Record<string, string> | undefined;
      const variables = error.details?.issues as Array<{ variable: string; message: string }> | undefined;
      const errors = fields
        ? Object.entries(fields).map(([field, message]) => ({ field, message }))
        : variables?.map((v) => ({ field: v.variable, message: v.message }));
      if (reason === 'external_id_taken')
        problem = new ApiProblem(409, 'deal_exists', `A contract for this deal exists already: ${String(error.details?.ref)}.`);
      else problem = reason === 'too_large' ? new ApiProblem(413, 'file_too_large', error.message) : new ApiProblem(status, code, error.message, errors);
      if (error.code === AppErrorCode.Unavailable) problem = undefined;
    } else {
      const status = (error as { status?: unknown })?.status;
      const type = (error as { type?: unknown })?.type;
      if (status === 413) problem = new ApiProblem(413, 'body_too_large', 'The request body is over the limit.');
      else if (status === 415) problem = new ApiProblem(415, 'unsupported_media_type', 'Unsupported content type or encoding.');
      else if (typeof status === 'number' && status >= 400 && status < 500) {
        problem = new ApiProblem(
          400,
          type === 'entity.parse.failed' ? 'malformed_json' : 'bad_request',
          type === 'entity.parse.failed' ? 'The body is not valid JSON.' : 'The request could not be read.',
        );
      }
    }
    if (problem) {
      logger.warn(
        { status: problem.status, code: problem.code, method: req.method, path, reason: problem.detail },
        `refused ${req.method} ${path}: ${problem.code}`,
      );
      if (problem.status === 401) res.set('WWW-Authenticate', `Bearer realm="clause"${problem.code === 'invalid_api_key' ? ', error="invalid_token"' : ''}`);
      if (problem.code === 'insufficient_scope') res.set('WWW-Authenticate', 'Bearer realm="clause", error="insufficient_scope"');
      sendProblem(res, req, problem.status, problem.code, problem.detail, problem.errors);
      return;
    }
    logger.error({ err: error, method: req.method, path }, 'unhandled error in an API handler');
    sendProblem(res, req, 500, 'internal_error', 'Something went wrong on our side.');
  });
  return router;
}
