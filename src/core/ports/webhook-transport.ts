/** One signed POST of a webhook body to a receiver. */
export interface WebhookRequest {
  url: string;
  /** `whsec_…`: the subscription's signing secret. */
  secret: string;
  /** The event id: the `webhook-id` header, the same on every attempt. */
  id: string;
  body: string;
}

/**
 * What came of it: 2xx `delivered`; a 4xx other than 408/429 (the receiver refuses this request
 * as it is) `permanent`; a 5xx, 408, 429, time-out or network error `transient` (retried with
 * backoff, honouring Retry-After).
 */
export type WebhookPostOutcome =
  | { status: 'delivered'; httpStatus: number; durationMs: number }
  | { status: 'permanent'; reason: string; httpStatus?: number; durationMs: number }
  | { status: 'transient'; reason: string; httpStatus?: number; retryAfterMs?: number; mayHaveArrived?: boolean; durationMs: number };

export interface WebhookTransport {
  post(request: WebhookRequest): Promise<WebhookPostOutcome>;
}

/**
 * Why a receiver URL may not be subscribed, or undefined when it may: while the policy is on
 * (README "Webhooks", WEBHOOK_ALLOW_PRIVATE_URLS) a host that is, or resolves to, an internal
 * address. The transport checks again when it posts, so an unanswered DNS question lets it pass.
 */
export type WebhookUrlCheck = (url: string) => Promise<string | undefined>;
