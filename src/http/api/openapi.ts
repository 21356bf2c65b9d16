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
} from './api-schemas.js';

const PROBLEM_STATUSES: Record<number, string> = {
  400: 'Malformed request (field errors in `errors`).',
  401: 'No API key, or an unknown or revoked one.',
  403: 'The key lacks the scope this endpoint needs.',
  404: 'No such contract (or route).',
  409: 'Conflict: the Idempotency-Key was used with another body, a contract for this deal exists, or the contract cannot move that way.',
  413: 'The body or file is over the limit.',
  415: 'Unsupported Content-Type.',
  422: 'Well-formed but refused (a template variable, a policy that does not cover the contract, an unreadable file).',
  429: 'Too many requests.',
};

function problems(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, { description: PROBLEM_STATUSES[s]!, content: { 'application/problem+json': { schema: ZProblem } } }]));
}

const refParams = z.object({ ref: ZContractRef });
const idempotencyHeader = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().meta({ description: 'Same key and body: the first answer is replayed; same key, another body: 409.' }),
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
    responses: { 200: { description: 'Upcoming renewals, soonest first.', content: { 'application/json': { schema: ZRenewalList } } }, ...problems(400, 401, 403, 429) },
  });

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
