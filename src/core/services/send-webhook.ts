import { webhookBody, type WebhookEvent } from '../domain/webhook-event.js';
import type { ChatNotifier } from '../ports/chat-notifier.js';
import type { WebhookSendOutcome, WebhookTarget } from '../ports/outbox.js';
import type { WebhookSubscription } from '../ports/webhook-subscriptions.js';
import type { DeliveryDeps } from './deliver-outbox-item.js';
import type { WebhookDeps } from './webhook-deps.js';

/**
 * One attempt at one webhook delivery: signs and posts the event to the subscription's URL (the
 * transport), records the attempt in the subscription's delivery log, and classifies the outcome
 * for the outbox (2xx delivered; 4xx other than 408/429 permanent; the rest retried). When the
 * subscription's last WEBHOOK_DISABLE_AFTER_FAILURES attempts since it was (re-)enabled all
 * failed, it is disabled and the admins are told in chat (through the outbox, once per run).
 */
async function sendWebhook(deps: WebhookDeps, target: WebhookTarget, event: WebhookEvent, options: { attempt: number }): Promise<WebhookSendOutcome> {
  const sub = await deps.subscriptions.get(target.subscriptionId);
  if (!sub) return { status: 'permanent', reason: 'the webhook subscription was deleted' };
  const log = (outcome: 'delivered' | 'failed' | 'retrying', fields: { httpStatus?: number; error?: string; durationMs: number }) =>
    deps.subscriptions.recordAttempt({
      subscriptionId: sub.id,
      eventId: event.id,
      eventType: event.type,
      attempt: options.attempt,
      at: deps.clock.now(),
      outcome,
      ...fields,
    });
  if (!sub.enabled) {
    const reason = 'not sent: the subscription is disabled';
    await log('failed', { error: reason, durationMs: 0 });
    return { status: 'permanent', reason };
  }
  const secret = await deps.subscriptions.secretOf(sub.id);
  if (!secret) return { status: 'permanent', reason: 'the webhook subscription has no secret' };
  const out = await deps.transport.post({ url: sub.url, secret, id: event.id, body: webhookBody(event) });
  const httpStatus = out.httpStatus !== undefined ? { httpStatus: out.httpStatus } : {};
  if (out.status === 'delivered') {
    await log('delivered', { ...httpStatus, durationMs: out.durationMs });
    return { status: 'delivered', ref: { kind: 'webhook', subscriptionId: sub.id, httpStatus: out.httpStatus } };
  }
  await log(out.status === 'permanent' ? 'failed' : 'retrying', { ...httpStatus, error: out.reason, durationMs: out.durationMs });
  if (await disableAfterFailures(deps, sub)) {
    return { status: 'permanent', reason: `${out.reason}; the subscription was disabled after ${deps.disableAfterFailures} failed attempts in a row` };
  }
  if (out.status === 'permanent') return { status: 'permanent', reason: out.reason };
  return {
    status: 'transient',
    reason: out.reason,
    ...(out.retryAfterMs ? { retryAfterMs: out.retryAfterMs } : {}),
    ...(out.mayHaveArrived ? { mayHaveArrived: true } : {}),
  };
}

/** Disables the subscription when its last N attempts (since it was enabled) all failed; true if it is off now. */
async function disableAfterFailures(deps: WebhookDeps, sub: WebhookSubscription): Promise<boolean> {
  const n = deps.disableAfterFailures;
  if (n <= 0) return false;
  const recent = await deps.subscriptions.listAttempts(sub.id, n);
  if (recent.length < n || recent.some((a) => a.outcome === 'delivered' || a.at.getTime() < sub.enabledAt.getTime())) return false;
  const last = recent[0]!;
  const reason = `the last ${n} delivery attempts failed (the latest: ${last.httpStatus ? `HTTP ${last.httpStatus}` : (last.error ?? 'an error')})`;
  const now = deps.clock.now();
  const disabled = await deps.subscriptions.setEnabled(sub.id, false, now, reason);
  if (!disabled) return true;
  deps.onDisabled?.(disabled, reason);
  const targets = deps.notices.targets();
  if (targets.length > 0) {
    const text = `Webhook subscription ${sub.id} (${sub.url}) was disabled: ${reason}. Events are not sent to it until an admin re-enables it (\`npm run webhooks -- enable ${sub.id}\` or POST /api/v1/webhooks/${sub.id}/enable); its delivery log shows why.`;
    // Claimed as due at once (lease 0): the delivery sweeper posts it on its next run.
    await deps.notices.outbox.claim(
      {
        id: `webhook_disabled:${sub.id}:${sub.generation}`,
        kind: 'webhook_disabled',
        subjectId: sub.id,
        deliveries: targets.map((target) => ({
          target,
          message: { text, card: { title: 'Webhook subscription disabled', subtitle: sub.url, sections: [{ kind: 'text', text }] } },
        })),
        details: { subscriptionId: sub.id, reason },
      },
      now,
      { ...deps.delivery, leaseMs: 0 },
    );
  }
  return true;
}

/** A notifier for the webhook outbox, which holds no chat deliveries. */
const noChat: ChatNotifier = {
  send: async () => ({ status: 'permanent', reason: 'the webhook outbox sends no chat messages' }),
  update: async () => undefined,
};

/** How the delivery path (deliverOutboxItem, the sweeper) sends the webhook outbox's items. */
export function webhookDeliveryDeps(deps: WebhookDeps): DeliveryDeps {
  return {
    notifier: noChat,
    clock: deps.clock,
    delivery: deps.delivery,
    webhooks: { send: (target, event, options) => sendWebhook(deps, target, event, options) },
  };
}
