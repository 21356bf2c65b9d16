import { ZNewWebhookSubscription } from '../domain/webhook-subscription.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { WebhookSubscription, WebhookSubscriptions } from '../ports/webhook-subscriptions.js';

/**
 * Subscribes a receiver URL (http or https) to some events. The signing secret is the given
 * `whsec_…` one or a new one; it is returned once, here, and never shown again.
 */
export async function createWebhookSubscription(
  deps: { subscriptions: WebhookSubscriptions; clock: Clock },
  input: unknown,
  createdBy: string,
): Promise<{ subscription: WebhookSubscription; secret: string }> {
  const parsed = ZNewWebhookSubscription.safeParse(input);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.map(String).join('.') || '_', i.message]));
    throw new AppError(
      AppErrorCode.InvalidInput,
      `Invalid webhook subscription: ${Object.entries(fields)
        .map(([f, m]) => `${f} ${m}`)
        .join('; ')}`,
      { fields },
    );
  }
  const { url, events, description, secret } = parsed.data;
  return deps.subscriptions.create({ url, events, createdBy, ...(description ? { description } : {}), ...(secret ? { secret } : {}) }, deps.clock.now());
}
