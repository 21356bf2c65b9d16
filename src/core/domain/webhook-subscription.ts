import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES, ZWebhookEventType } from './webhook-event.js';

const parsedUrl = (u: string): URL | undefined => {
  try {
    return new URL(u);
  } catch {
    return undefined;
  }
};

/** A receiver URL: http or https only, no user:password, at most 2000 characters. */
export const ZWebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => parsedUrl(u) !== undefined, 'must be a URL such as https://crm.example.com/hooks/clause')
  .refine((u) => {
    const url = parsedUrl(u);
    return !url || /^https?:$/.test(url.protocol);
  }, 'must be an http:// or https:// URL')
  .refine((u) => {
    const url = parsedUrl(u);
    return !url || (!url.username && !url.password);
  }, 'must not carry a user name or password (use the signature to authenticate Clause)');

/** `whsec_` and the base64 of 24 to 64 random bytes (the Standard Webhooks secret format). */
export const ZWebhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_ followed by base64')
  .refine((s) => {
    const bytes = Buffer.from(s.slice('whsec_'.length), 'base64').length;
    return bytes >= 24 && bytes <= 64;
  }, 'must encode 24 to 64 bytes');

const ZWebhookEvents = z
  .array(ZWebhookEventType)
  .min(1, `name at least one event: ${WEBHOOK_EVENT_TYPES.join(', ')}`)
  .transform((events) => [...new Set(events)]);

/** What a new subscription needs (CLI and API parse their input into this). */
export const ZNewWebhookSubscription = z
  .object({
    url: ZWebhookUrl,
    events: ZWebhookEvents,
    description: z.string().trim().min(1).max(200).optional(),
    secret: ZWebhookSecret.optional(),
  })
  .strict();
