import type { z } from 'zod';
import type { CallbackOutcome } from '../../core/ports/signature-provider.js';

/**
 * An authenticated callback's body, parsed as JSON and checked with the provider's schema; when
 * it is not readable, the `malformed` outcome (400) naming the fields that are wrong.
 */
export function parseCallbackBody<T>(
  rawBody: Uint8Array,
  schema: z.ZodType<T>,
  reasons: { notJson: string; notPayload: string },
): { ok: true; value: T } | { ok: false; outcome: Extract<CallbackOutcome, { kind: 'malformed' }> } {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(rawBody).toString('utf8'));
  } catch {
    return { ok: false, outcome: { kind: 'malformed', reason: reasons.notJson } };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      outcome: {
        kind: 'malformed',
        reason: reasons.notPayload,
        fields: parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '_', message: i.message })),
      },
    };
  }
  return { ok: true, value: parsed.data };
}
