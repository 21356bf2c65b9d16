import type { Connection } from 'mongoose';
import type { Env } from '../config/env.js';
import type { WebhookEvent } from '../core/domain/webhook-event.js';
import type { ChatTarget } from '../core/ports/chat-notifier.js';
import type { Clock } from '../core/ports/clock.js';
import type { EventPublisher } from '../core/ports/event-publisher.js';
import type { Outbox } from '../core/ports/outbox.js';
import type { ContractStoreDeps } from '../core/services/contract-store-deps.js';
import { deliverOutboxItem, type DeliveryDeps } from '../core/services/deliver-outbox-item.js';
import { publishEvent, type PublishOptions } from '../core/services/publish-event.js';
import { webhookDeliveryDeps } from '../core/services/send-webhook.js';
import type { WebhookDeps } from '../core/services/webhook-deps.js';
import { withContractEvents } from '../core/services/with-contract-events.js';
import type { Logger } from '../infra/logger.js';
import { createMongoOutbox } from '../infra/mongo/mongo-outbox.js';
import { MongoWebhookSubscriptions } from '../infra/mongo/mongo-webhook-subscriptions.js';
import { publicOnlyUrlCheck } from '../infra/webhooks/address-guard.js';
import { HttpWebhookTransport } from '../infra/webhooks/http-webhook-transport.js';
import { deliveryTiming } from './delivery-timing.js';
import { approvalChannels, slackAdminTargets } from '../config/chat-channels.js';

/** The webhook outbox's collection. */
const WEBHOOK_OUTBOX = 'webhook_deliveries';

export interface WebhookServices {
  deps: WebhookDeps;
  subscriptions: MongoWebhookSubscriptions;
  outbox: Outbox;
  /** How the sweeper (deliveries.sweep) sends the webhook outbox. */
  delivery: DeliveryDeps;
  /** Queues events for their subscriptions and makes each delivery's first attempt in the background. */
  publisher: EventPublisher;
  /**
   * Queues an event again for the subscriptions enabled by `enabledBy` that lack it (the recovery
   * job, webhooks.recover) and starts their first attempts; returns how many items it queued.
   * Throws when it cannot queue (the job retries on its next run).
   */
  republish(event: WebhookEvent, enabledBy: Date): Promise<number>;
  /**
   * Resolves when the background first attempts started so far have finished (tests, shutdown),
   * or after `timeoutMs`: an attempt cut short is retried by a sweeper after its lease.
   */
  idle(timeoutMs?: number): Promise<void>;
}

type WebhookContext = { env: Env; logger: Logger; clock: Clock; connection: Connection };

/** Who hears that a subscription was disabled: the approval channels (both platforms) and the admins known by Slack user id. */
function adminTargets(env: Env): ChatTarget[] {
  return [...approvalChannels(env), ...slackAdminTargets(env)];
}

/** The webhook services on this connection (collections and indexes created here); built once per process by openDatabase. */
export async function openWebhooks({ env, logger, clock, connection }: WebhookContext): Promise<WebhookServices> {
  const log = logger.child({ component: 'webhooks' });
  const subscriptions = new MongoWebhookSubscriptions(connection);
  await subscriptions.init();
  const outbox = await createMongoOutbox(connection, WEBHOOK_OUTBOX);
  // Receivers on internal addresses (README "Webhooks"): refused when subscribed and again when posted to.
  const allowPrivate = env.WEBHOOK_ALLOW_PRIVATE_URLS ?? env.NODE_ENV !== 'production';
  const deps: WebhookDeps = {
    subscriptions,
    transport: new HttpWebhookTransport({ timeoutMs: env.WEBHOOK_TIMEOUT_MS, allowPrivate }),
    checkUrl: allowPrivate ? async () => undefined : publicOnlyUrlCheck(),
    outbox,
    clock,
    delivery: deliveryTiming(env),
    disableAfterFailures: env.WEBHOOK_DISABLE_AFTER_FAILURES,
    notices: { outbox: await createMongoOutbox(connection, 'chat_messages'), targets: () => adminTargets(env) },
    onDisabled: (sub, reason) => log.error({ subscriptionId: sub.id, url: sub.url, reason }, `webhook subscription ${sub.id} disabled: ${reason}`),
  };
  const delivery = webhookDeliveryDeps(deps);
  const inFlight = new Set<Promise<unknown>>();
  /** Claims the event's items and starts their first attempts in the background; throws when it cannot queue. */
  const queue = async (event: WebhookEvent, options?: PublishOptions) => {
    const items = await publishEvent(deps, event, options);
    if (items.length > 0) log.info({ eventId: event.id, type: event.type, subscriptions: items.length }, 'webhook event queued');
    for (const item of items) {
      const attempt: Promise<unknown> = deliverOutboxItem(delivery, outbox, item)
        .catch((err: unknown) => log.warn({ err, item: item.id }, 'webhook delivery attempt failed; the sweeper retries it'))
        .finally(() => inFlight.delete(attempt));
      inFlight.add(attempt);
    }
    return items.length;
  };
  const publisher: EventPublisher = {
    async publish(event: WebhookEvent) {
      try {
        await queue(event);
      } catch (err) {
        // The change that caused the event stands and the caller's action succeeded; a contract
        // change's event is queued by the recovery job (webhooks.recover) from the audit trail.
        const error = err instanceof Error ? err.message : String(err);
        log.warn({ eventId: event.id, type: event.type, error }, 'could not queue a webhook event; the recovery job queues it');
      }
    },
  };
  return {
    deps,
    subscriptions,
    outbox,
    delivery,
    publisher,
    republish: (event, enabledBy) => queue(event, { enabledBy }),
    idle: async (timeoutMs?: number) => {
      const drained = (async () => {
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      })();
      if (timeoutMs === undefined) return drained;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((r) => {
        timer = setTimeout(r, timeoutMs);
      });
      await Promise.race([drained, timeout]).finally(() => clearTimeout(timer));
    },
  };
}

/** The store, reporting contract moves, renewal nudges and obligations due as webhook events. */
export function withWebhookEvents(store: ContractStoreDeps, publisher: EventPublisher): ContractStoreDeps {
  return { ...store, contracts: withContractEvents(store.contracts, publisher), events: publisher };
}
