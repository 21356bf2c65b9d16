import { ZNewWebhookSubscription } from '../domain/webhook-subscription.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { WebhookSubscription } from '../ports/webhook-subscriptions.js';
import type { WebhookDeps } from './webhook-deps.js';

/**
 * Subscribes a receiver URL (http or https) to some events. The signing secret is the given
 * `whsec_…` one or a new one; it is returned once, here, and never shown again. A URL whose host
 * is, or resolves to, an internal address is refused while that is the policy (`checkUrl`).
 */
export async function createWebhookSubscription(
  deps: Pick<WebhookDeps, 'subscriptions' | 'clock' | 'checkUrl'>,
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
  const refused = await deps.checkUrl(url);
  if (refused) throw new AppError(AppErrorCode.InvalidInput, `Invalid webhook subscription: url ${refused}`, { fields: { url: refused } });
  return deps.subscriptions.create({ url, events, createdBy, ...(description ? { description } : {}), ...(secret ? { secret } : {}) }, deps.clock.now());
}
