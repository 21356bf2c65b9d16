import { z } from 'zod';

/** The events a webhook subscription may ask for (README "API and webhooks"). */
export const WEBHOOK_EVENT_TYPES = [
  'contract.requested',
  'contract.approved',
  'contract.rejected',
  'contract.sent_for_signature',
  'contract.signed',
  'contract.renewed',
  'contract.expired',
  'contract.terminated',
  'renewal.nudged',
  'obligation.due',
] as const;
export const ZWebhookEventType = z.enum(WEBHOOK_EVENT_TYPES, { message: `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` });
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * One thing that happened, as sent to every subscription that asked for its type. `id` is
 * deterministic (derived from what happened: the contract and its revision, the nudge, the
 * obligation and its due date), so the same event published twice is queued once, and every
 * attempt at it carries the same `webhook-id` for receivers to dedupe on.
 */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  /** When it happened (ISO 8601). */
  timestamp: string;
  /** What it is about (contract id, obligation id): the outbox item's subject. */
  subjectId: string;
  data: Record<string, unknown>;
}

/** An id safe in a header and an outbox `_id`: `evt_` and the parts, other characters as `-`. */
export function webhookEventId(type: WebhookEventType, ...parts: Array<string | number>): string {
  return `evt_${[type, ...parts].map((p) => String(p).replace(/[^A-Za-z0-9._-]/g, '-')).join('_')}`;
}

/** The JSON body of a webhook request (Standard Webhooks' recommended shape). */
export function webhookBody(event: WebhookEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
}
