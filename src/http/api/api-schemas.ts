/**
 * The REST API's request and response shapes: the single source of the handlers' types and of the
 * OpenAPI document (`/api/v1/openapi.json`). Dates are `YYYY-MM-DD`, instants ISO 8601, money
 * integer minor units with an ISO 4217 currency, as everywhere in Clause.
 */
import { z } from 'zod';
import { ZCalendarDate } from '../../core/domain/calendar-date.js';
import { CONTRACT_STATUSES, ZContractType } from '../../core/domain/contract.js';
import { ZCurrency } from '../../core/domain/money.js';
import { WEBHOOK_EVENT_TYPES, ZWebhookEventType } from '../../core/domain/webhook-event.js';
import { ZWebhookSecret, ZWebhookUrl } from '../../core/domain/webhook-subscription.js';

export const ZProblem = z
  .object({
    type: z.string().meta({ description: 'A URI naming the problem type (`about:blank` or a Clause problem URI).' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().meta({ description: 'A stable machine-readable code, e.g. `invalid_body`, `not_found`, `idempotency_key_reused`.' }),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'Which fields are wrong (400/422).' }),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem document (`application/problem+json`).' });
export type Problem = z.infer<typeof ZProblem>;

const ZMoneyOut = z.object({ amountMinor: z.number().int(), currency: z.string() }).meta({ id: 'Money' });

const ZPerson = z
  .object({ platform: z.enum(['slack', 'teams', 'web', 'system', 'api']), id: z.string(), email: z.string().optional(), displayName: z.string().optional() })
  .meta({ id: 'Person', description: 'A person as a chat platform knows them (`system`: known by e-mail only; `api`: an API key).' });

export const ZApiContract = z
  .object({
    ref: z.string().meta({ example: 'C-2026-0042' }),
    title: z.string(),
    type: z.string(),
    counterparty: z.string(),
    status: z.enum(CONTRACT_STATUSES),
    value: ZMoneyOut.optional(),
    startDate: z.string().optional(),
    endDate: z.string().optional(),
    termMonths: z.number().int().optional(),
    autoRenews: z.boolean(),
    renewalTermMonths: z.number().int().optional(),
    noticePeriodDays: z.number().int().optional(),
    governingLaw: z.string().optional(),
    signedDate: z.string().optional(),
    owner: ZPerson,
    requester: ZPerson,
    crmDeal: z.object({ id: z.string(), url: z.string().optional() }).optional(),
    keyTerms: z.record(z.string(), z.string()),
    signature: z
      .object({
        provider: z.enum(['documenso', 'docusign']),
        envelopeId: z.string(),
        url: z.string().optional(),
        status: z.enum(['sent', 'completed', 'rejected', 'cancelled']),
        sentAt: z.string().meta({ format: 'date-time' }),
        completedAt: z.string().optional().meta({ format: 'date-time' }),
        signers: z.array(
          z.object({
            name: z.string(),
            email: z.string(),
            status: z.enum(['pending', 'signed', 'rejected']),
            signedAt: z.string().optional().meta({ format: 'date-time' }),
          }),
        ),
      })
      .optional()
      .meta({
        id: 'SignatureState',
        description: 'The latest e-signature envelope (only on `GET /contracts/{ref}`, with an e-signature provider configured).',
      }),
    currentVersion: z.number().int().meta({ description: 'The number of the latest text version (0: no text yet).' }),
    createdAt: z.string().meta({ format: 'date-time' }),
    updatedAt: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'Contract' });
export type ApiContract = z.infer<typeof ZApiContract>;

export const ZContractRef = z
  .string()
  .regex(/^[Cc]-\d{4}-\d{4,}$/, 'must look like C-2026-0042')
  .meta({ example: 'C-2026-0042' });

const ZRequester = z
  .union([
    z.object({ email: z.string().email() }).strict(),
    z
      .object({
        platform: z.enum(['slack', 'teams']),
        id: z.string().min(1).max(200),
        tenantId: z.string().min(1).max(200).optional(),
        email: z.string().email().optional(),
      })
      .strict(),
  ])
  .meta({
    id: 'Requester',
    description: 'Who asked for the contract: their e-mail, or their chat id (a Slack user id, or a Teams AAD object id with the tenant).',
  });

export const ZContractRequestBody = z
  .object({
    type: ZContractType.meta({ example: 'msa' }),
    title: z.string().trim().min(1).max(200).optional().meta({ description: 'Defaults to "<TYPE> with <counterparty>".' }),
    counterparty: z.string().trim().min(1).max(200),
    value: z
      .object({ amountMinor: z.number().int().nonnegative(), currency: ZCurrency })
      .optional()
      .meta({ description: 'Integer minor units (cents) and an ISO 4217 currency.' }),
    startDate: ZCalendarDate.optional().meta({ format: 'date', example: '2026-04-01' }),
    endDate: ZCalendarDate.optional().meta({ format: 'date', example: '2027-03-31' }),
    termMonths: z.number().int().positive().max(1200).optional(),
    autoRenews: z.boolean().optional(),
    renewalTermMonths: z.number().int().positive().max(1200).optional(),
    noticePeriodDays: z.number().int().nonnegative().max(3650).optional(),
    governingLaw: z.string().trim().max(120).optional(),
    requester: ZRequester,
    deal: z
      .object({ id: z.string().trim().min(1).max(200), url: z.string().url().max(2000).optional() })
      .strict()
      .meta({ description: "The CRM's deal: one contract per deal id." }),
    templateVariables: z
      .record(z.string(), z.string().max(2000))
      .optional()
      .meta({ description: "Variables the type's template needs beyond the terms (an NDA's `purpose`)." }),
    notes: z.string().max(4000).optional(),
    signer: z
      .object({ email: z.string().email().max(320), name: z.string().trim().min(1).max(200).optional() })
      .strict()
      .optional()
      .meta({ description: "The counterparty's signer for e-signature (stored as the key terms `signerEmail` and `signerName`)." }),
    submit: z
      .boolean()
      .default(false)
      .meta({ description: 'Submit for approval at once (when the approval policy covers the contract); otherwise it stays a draft for the requester.' }),
  })
  .strict()
  .meta({ id: 'ContractRequest' });
export type ContractRequestBody = z.infer<typeof ZContractRequestBody>;

export const ZContractRequestResult = z
  .object({
    contract: ZApiContract,
    submitted: z.boolean(),
    approvalRound: z.number().int().optional(),
    requesterNotified: z
      .boolean()
      .meta({ description: 'Whether the requester was sent the draft in chat (Slack or Teams) with a "Submit for approval" button.' }),
  })
  .meta({ id: 'ContractRequestResult' });

export const ZListContractsQuery = z
  .object({
    status: z.enum(CONTRACT_STATUSES).optional(),
    counterparty: z.string().trim().min(1).max(200).optional().meta({ description: 'Part of the counterparty name, any case.' }),
    updatedSince: z.string().datetime({ offset: true }).optional().meta({ description: 'ISO 8601 instant: contracts changed at or after it.' }),
    cursor: z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const ZContractPage = z
  .object({
    items: z.array(ZApiContract),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .meta({ id: 'ContractPage' });

export const ZRenewalsQuery = z.object({ days: z.coerce.number().int().min(1).max(730).default(90) }).strict();

export const ZRenewalList = z
  .object({
    from: z.string(),
    to: z.string(),
    items: z.array(
      z.object({
        contract: z.object({ ref: z.string(), title: z.string(), counterparty: z.string(), value: ZMoneyOut.optional() }),
        termEnd: z.string(),
        deadline: z.string(),
        daysLeft: z.number().int(),
        decision: z.string().optional(),
      }),
    ),
    totals: z.array(ZMoneyOut),
  })
  .meta({ id: 'RenewalList' });

export const ZAuditTrail = z
  .object({
    ref: z.string(),
    events: z.array(
      z.object({
        at: z.string().meta({ format: 'date-time' }),
        actor: ZPerson,
        action: z.string(),
        fromStatus: z.string().optional(),
        toStatus: z.string().optional(),
        details: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  })
  .meta({ id: 'AuditTrail' });

export const ZDocumentResult = z
  .object({ ref: z.string(), fileName: z.string(), mime: z.string(), characters: z.number().int() })
  .meta({ id: 'DocumentResult' });

// --- Outbound webhooks (README "Webhooks") ------------------------------------------------------

export const ZWebhookId = z
  .string()
  .regex(/^wh_[0-9a-f]{16}$/, 'must look like wh_0123456789abcdef')
  .meta({ example: 'wh_5f0c2a9d1b7e4c33' });

export const ZWebhookSubscriptionBody = z
  .object({
    url: ZWebhookUrl.meta({
      description: 'The receiver: http:// or https://, no user:password; redirects are not followed.',
      example: 'https://crm.example.com/hooks/clause',
    }),
    events: z
      .array(ZWebhookEventType)
      .min(1)
      .meta({ description: `Any of: ${WEBHOOK_EVENT_TYPES.join(', ')}.` }),
    description: z.string().trim().min(1).max(200).optional(),
    secret: ZWebhookSecret.optional().meta({ description: 'The signing secret (`whsec_` + base64 of 24–64 bytes); a new one is made when absent.' }),
  })
  .strict()
  .meta({ id: 'WebhookSubscriptionRequest' });

export const ZWebhookSubscription = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    description: z.string().optional(),
    enabled: z.boolean(),
    createdAt: z.string().meta({ format: 'date-time' }),
    createdBy: z.string(),
    disabledAt: z.string().optional().meta({ format: 'date-time' }),
    disabledReason: z.string().optional(),
  })
  .meta({ id: 'WebhookSubscription', description: 'A webhook subscription (its secret is never shown after creation).' });

export const ZWebhookSubscriptionCreated = z
  .object({ subscription: ZWebhookSubscription, secret: z.string().meta({ description: 'The signing secret, shown only in this answer.' }) })
  .meta({ id: 'WebhookSubscriptionCreated' });

export const ZWebhookSubscriptionList = z.object({ items: z.array(ZWebhookSubscription) }).meta({ id: 'WebhookSubscriptionList' });

export const ZWebhookDeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict();

export const ZWebhookDeliveryLog = z
  .object({
    items: z.array(
      z.object({
        at: z.string().meta({ format: 'date-time' }),
        eventId: z.string().meta({ description: 'The `webhook-id` header: the same on every attempt at one event.' }),
        eventType: z.enum(WEBHOOK_EVENT_TYPES),
        attempt: z.number().int(),
        outcome: z.enum(['delivered', 'failed', 'retrying']),
        httpStatus: z.number().int().optional(),
        error: z.string().optional(),
        durationMs: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'WebhookDeliveryLog', description: 'Delivery attempts, newest first.' });
