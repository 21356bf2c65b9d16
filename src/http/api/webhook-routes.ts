/**
 * `/api/v1/webhooks`: outbound webhook subscriptions (scopes `webhooks:read`, `webhooks:write`).
 * Mounted by createApiRouter, which authenticates, parses JSON and turns refusals into problems.
 */
import type express from 'express';
import type { z } from 'zod';
import type { Clock } from '../../core/ports/clock.js';
import type { WebhookAttempt, WebhookSubscription, WebhookSubscriptions } from '../../core/ports/webhook-subscriptions.js';
import type { WebhookUrlCheck } from '../../core/ports/webhook-transport.js';
import { createWebhookSubscription } from '../../core/services/create-webhook-subscription.js';
import { setWebhookSubscriptionEnabled } from '../../core/services/set-webhook-subscription-enabled.js';
import type { ApiScope } from '../../infra/mongo/mongo-api-keys.js';
import { ZWebhookDeliveriesQuery, ZWebhookId, ZWebhookSubscriptionBody } from './api-schemas.js';
import { ApiProblem, fieldErrors } from './problem.js';

export interface WebhookRouteDeps {
  subscriptions: WebhookSubscriptions;
  /** Refuses receivers on internal addresses while that is the policy (WEBHOOK_ALLOW_PRIVATE_URLS). */
  checkUrl: WebhookUrlCheck;
  clock: Clock;
  requireScope: (scope: ApiScope) => express.RequestHandler;
  jsonBody: express.RequestHandler;
  /** The calling API key's name (the subscription's creator, the actor of enable/disable). */
  keyName: (res: express.Response) => string;
}

function parse<S extends z.ZodType>(schema: S, input: unknown, code: string, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ApiProblem(400, code, `Invalid ${what}.`, fieldErrors(result.error));
  return result.data;
}

const toApiSubscription = (s: WebhookSubscription) => ({
  id: s.id,
  url: s.url,
  events: s.events,
  ...(s.description ? { description: s.description } : {}),
  enabled: s.enabled,
  createdAt: s.createdAt.toISOString(),
  createdBy: s.createdBy,
  ...(s.disabledAt ? { disabledAt: s.disabledAt.toISOString() } : {}),
  ...(s.disabledReason ? { disabledReason: s.disabledReason } : {}),
});

const toApiAttempt = (a: WebhookAttempt) => ({
  at: a.at.toISOString(),
  eventId: a.eventId,
  eventType: a.eventType,
  attempt: a.attempt,
  outcome: a.outcome,
  ...(a.httpStatus !== undefined ? { httpStatus: a.httpStatus } : {}),
  ...(a.error ? { error: a.error } : {}),
  durationMs: a.durationMs,
});

export function webhookRoutes(router: express.Router, deps: WebhookRouteDeps): void {
  const { subscriptions, checkUrl, clock, requireScope, jsonBody, keyName } = deps;
  const parseId = (raw: unknown) => parse(ZWebhookId, raw, 'invalid_webhook_id', 'webhook subscription id');
  const found = async (id: string) => {
    const s = await subscriptions.get(id);
    if (!s) throw new ApiProblem(404, 'not_found', `There is no webhook subscription ${id}.`);
    return s;
  };

  router.post('/webhooks', requireScope('webhooks:write'), jsonBody, async (req, res) => {
    const body = parse(ZWebhookSubscriptionBody, req.body, 'invalid_body', 'webhook subscription');
    const created = await createWebhookSubscription({ subscriptions, clock, checkUrl }, body, keyName(res));
    res.status(201).json({ subscription: toApiSubscription(created.subscription), secret: created.secret });
  });

  router.get('/webhooks', requireScope('webhooks:read'), async (_req, res) => {
    res.json({ items: (await subscriptions.list()).map(toApiSubscription) });
  });

  router.get('/webhooks/:id', requireScope('webhooks:read'), async (req, res) => {
    res.json(toApiSubscription(await found(parseId(req.params.id))));
  });

  for (const [action, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    router.post(`/webhooks/:id/${action}`, requireScope('webhooks:write'), async (req, res) => {
      const s = await setWebhookSubscriptionEnabled({ subscriptions, clock }, { id: parseId(req.params.id), enabled, by: `API key ${keyName(res)}` });
      res.json(toApiSubscription(s));
    });
  }

  router.delete('/webhooks/:id', requireScope('webhooks:write'), async (req, res) => {
    const id = parseId(req.params.id);
    if (!(await subscriptions.remove(id))) throw new ApiProblem(404, 'not_found', `There is no webhook subscription ${id}.`);
    res.status(204).end();
  });

  router.get('/webhooks/:id/deliveries', requireScope('webhooks:read'), async (req, res) => {
    const id = parseId(req.params.id);
    const q = parse(ZWebhookDeliveriesQuery, req.query, 'invalid_query', 'query');
    await found(id);
    res.json({ items: (await subscriptions.listAttempts(id, q.limit)).map(toApiAttempt) });
  });
}
