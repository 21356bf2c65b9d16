import { AppError, AppErrorCode } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { WebhookSubscription, WebhookSubscriptions } from '../ports/webhook-subscriptions.js';

/**
 * Turns a subscription on (its failure run starts again; events from now on are sent) or off
 * (nothing more is queued for it; queued deliveries are dropped at their next attempt).
 */
export async function setWebhookSubscriptionEnabled(
  deps: { subscriptions: WebhookSubscriptions; clock: Clock },
  input: { id: string; enabled: boolean; by: string },
): Promise<WebhookSubscription> {
  const current = await deps.subscriptions.get(input.id);
  if (!current) throw new AppError(AppErrorCode.NotFound, `There is no webhook subscription ${input.id}.`);
  if (current.enabled === input.enabled) return current;
  const updated = await deps.subscriptions.setEnabled(input.id, input.enabled, deps.clock.now(), input.enabled ? undefined : `disabled by ${input.by}`);
  if (!updated) throw new AppError(AppErrorCode.NotFound, `There is no webhook subscription ${input.id}.`);
  return updated;
}
