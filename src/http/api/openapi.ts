import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ZApiContract,
  ZAuditTrail,
  ZContractPage,
  ZContractRef,
  ZContractRequestBody,
  ZContractRequestResult,
  ZDocumentResult,
  ZListContractsQuery,
  ZProblem,
  ZRenewalList,
  ZRenewalsQuery,
  ZWebhookDeliveriesQuery,
  ZWebhookDeliveryLog,
  ZWebhookId,
  ZWebhookSubscription,
  ZWebhookSubscriptionBody,
  ZWebhookSubscriptionCreated,
  ZWebhookSubscriptionList,
} from './api-schemas.js';
import { WEBHOOK_EVENT_TYPES } from '../../core/domain/webhook-event.js';

const PROBLEM_STATUSES: Record<number, string> = {
  400: 'Malformed request (field errors in `errors`).',
  401: 'No API key, or an unknown or revoked one.',
  403: 'The key lacks the scope this endpoint needs.',
  404: 'No such contract (or route).',
  409: 'Conflict: the Idempotency-Key was used with another body, a contract for this deal exists, or the contract cannot move that way.',
  413: 'The body or file is over the limit.',
  415: 'Unsupported Content-Type.',
  422: 'Well-formed but refused (a template variable, a policy that does not cover the contract, an unreadable file, a webhook URL on an internal address).',
  429: 'Too many requests.',
};

function problems(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, { description: PROBLEM_STATUSES[s]!, content: { 'application/problem+json': { schema: ZProblem } } }]));
}

const refParams = z.object({ ref: ZContractRef });
const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Same key and body: the first answer is replayed; same key, another body: 409.' }),
});

/** The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the handlers parse with. */
export function buildOpenApiDocument(serverUrl = '/api/v1'): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from `npm run api-key -- create` (`clause_<id>_<secret>`).',
  });
  const security = (scope: string) => ({ security: [{ bearerAuth: [] }], description: `Scope: \`${scope}\`.` });

  registry.registerPath({
    method: 'post',
    path: '/contract-requests',
    summary: 'Request a contract (a CRM deal closed)',
    ...security('contracts:write'),
    request: { headers: idempotencyHeader, body: { required: true, content: { 'application/json': { schema: ZContractRequestBody } } } },
    responses: {
      201: { description: 'The draft (or submitted contract).', content: { 'application/json': { schema: ZContractRequestResult } } },
      ...problems(400, 401, 403, 409, 413, 415, 422, 429),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/contracts',
    summary: 'List contracts, oldest change first, by cursor',
    ...security('contracts:read'),
    request: { query: ZListContractsQuery },
    responses: { 200: { description: 'One page.', content: { 'application/json': { schema: ZContractPage } } }, ...problems(400, 401, 403, 429) },
  });
  registry.registerPath({
    method: 'get',
    path: '/contracts/{ref}',
    summary: 'One contract',
    ...security('contracts:read'),
    request: { params: refParams },
    responses: { 200: { description: 'The contract.', content: { 'application/json': { schema: ZApiContract } } }, ...problems(400, 401, 403, 404, 429) },
  });
  registry.registerPath({
    method: 'get',
    path: '/contracts/{ref}/audit',
    summary: "A contract's audit trail, oldest first",
    ...security('contracts:read'),
    request: { params: refParams },
    responses: { 200: { description: 'The audit trail.', content: { 'application/json': { schema: ZAuditTrail } } }, ...problems(400, 401, 403, 404, 429) },
  });
  registry.registerPath({
    method: 'post',
    path: '/contracts/{ref}/documents',
    summary: "Upload a contract's document (the signed PDF or DOCX)",
    ...security('documents:write'),
    request: {
      params: refParams,
      query: z.object({ fileName: z.string().min(1).max(200).meta({ example: 'signed.pdf' }) }),
      body: {
        required: true,
        content: {
          'application/pdf': { schema: z.string().meta({ format: 'binary' }) },
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: z.string().meta({ format: 'binary' }) },
          'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) },
        },
      },
    },
    responses: {
      201: { description: 'Stored as the contract document.', content: { 'application/json': { schema: ZDocumentResult } } },
      ...problems(400, 401, 403, 404, 413, 415, 422, 429),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/renewals',
    summary: 'Active contracts whose notice deadline falls in the next `days` days',
    ...security('renewals:read'),
    request: { query: ZRenewalsQuery },
    responses: {
      200: { description: 'Upcoming renewals, soonest first.', content: { 'application/json': { schema: ZRenewalList } } },
      ...problems(400, 401, 403, 429),
    },
  });

  const webhookParams = z.object({ id: ZWebhookId });
  registry.registerPath({
    method: 'post',
    path: '/webhooks',
    summary: 'Subscribe a URL to events (the signing secret is in this answer only)',
    ...security('webhooks:write'),
    request: { body: { required: true, content: { 'application/json': { schema: ZWebhookSubscriptionBody } } } },
    responses: {
      201: { description: 'The subscription and its secret.', content: { 'application/json': { schema: ZWebhookSubscriptionCreated } } },
      ...problems(400, 401, 403, 413, 415, 422, 429),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/webhooks',
    summary: 'List webhook subscriptions',
    ...security('webhooks:read'),
    responses: {
      200: { description: 'Every subscription, oldest first.', content: { 'application/json': { schema: ZWebhookSubscriptionList } } },
      ...problems(401, 403, 429),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/webhooks/{id}',
    summary: 'One webhook subscription',
    ...security('webhooks:read'),
    request: { params: webhookParams },
    responses: {
      200: { description: 'The subscription.', content: { 'application/json': { schema: ZWebhookSubscription } } },
      ...problems(400, 401, 403, 404, 429),
    },
  });
  for (const action of ['enable', 'disable'] as const) {
    registry.registerPath({
      method: 'post',
      path: `/webhooks/{id}/${action}`,
      summary: action === 'enable' ? 'Turn a subscription on again (its failure count starts afresh)' : 'Turn a subscription off (nothing more is sent to it)',
      ...security('webhooks:write'),
      request: { params: webhookParams },
      responses: {
        200: { description: 'The subscription.', content: { 'application/json': { schema: ZWebhookSubscription } } },
        ...problems(400, 401, 403, 404, 429),
      },
    });
  }
  registry.registerPath({
    method: 'delete',
    path: '/webhooks/{id}',
    summary: 'Delete a subscription and its delivery log',
    ...security('webhooks:write'),
    request: { params: webhookParams },
    responses: { 204: { description: 'Deleted.' }, ...problems(400, 401, 403, 404, 429) },
  });
  registry.registerPath({
    method: 'get',
    path: '/webhooks/{id}/deliveries',
    summary: "A subscription's delivery log (every attempt, newest first)",
    ...security('webhooks:read'),
    request: { params: webhookParams, query: ZWebhookDeliveriesQuery },
    responses: {
      200: { description: 'The attempts.', content: { 'application/json': { schema: ZWebhookDeliveryLog } } },
      ...problems(400, 401, 403, 404, 429),
    },
  });
  // What Clause sends: one entry per event type (OpenAPI 3.1 `webhooks`).
  const signatureHeaders = z.object({
    'webhook-id': z.string().meta({ description: 'The event id: the same on every attempt; dedupe on it.' }),
    'webhook-timestamp': z.string().meta({ description: 'Unix seconds of this attempt.' }),
    'webhook-signature': z.string().meta({ description: '`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` (Standard Webhooks).' }),
  });
  for (const type of WEBHOOK_EVENT_TYPES) {
    registry.registerWebhook({
      method: 'post',
      path: type,
      summary: `Clause sends ${type} to the subscriptions that asked for it`,
      request: {
        headers: signatureHeaders,
        body: {
          content: {
            'application/json': {
              schema: z.object({ type: z.literal(type), timestamp: z.string().meta({ format: 'date-time' }), data: z.record(z.string(), z.unknown()) }),
            },
          },
        },
      },
      responses: {
        200: { description: 'Any 2xx: delivered. 408, 429, 5xx or no answer within WEBHOOK_TIMEOUT_MS: retried with backoff. Any other 4xx: not retried.' },
      },
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Clause API',
      version: '1.0.0',
      description: 'Contracts for CRMs and other systems. Errors are RFC 9457 problem documents with a stable `code`.',
    },
    servers: [{ url: serverUrl }],
  });
}
