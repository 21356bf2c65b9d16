import { platformOf, type ChatNotifier, type MessageRef, type SendOutcome } from '../ports/chat-notifier.js';
import type { Clock } from '../ports/clock.js';
import {
  isWebhookDelivery,
  type DeliveryRef,
  type DeliveryTiming,
  type Outbox,
  type OutboxDelivery,
  type OutboxItem,
  type StoredOutboxItem,
  type WebhookChannel,
  type WebhookSendOutcome,
} from '../ports/outbox.js';

/** What delivering needs: the notifier, the clock and the retry timing (DELIVERY_* settings). */
export interface DeliveryDeps {
  notifier: ChatNotifier;
  clock: Clock;
  delivery: DeliveryTiming;
  /** Called with the messages an attempt posted (e.g. an approval card's refs, to update it later). */
  afterDelivery?: Partial<Record<string, (item: OutboxItem, refs: MessageRef[]) => Promise<void>>>;
  /**
   * Called, by item kind, after an attempt's outcome is recorded, when any of the item's
   * deliveries is permanently undeliverable (found in this attempt or an earlier one): e.g. a
   * renewal nudge's fallback notice. Called again by later attempts, so it must be idempotent;
   * `fresh` when this attempt found one of them.
   */
  onUndeliverable?: Partial<Record<string, (item: OutboxItem, undeliverable: DeliveryResult['undeliverable'], fresh: boolean) => Promise<void>>>;
  /** 0 ≤ x < 1, for the retry jitter (tests may fix it). */
  random?: () => number;
  /** Sends webhook deliveries (the webhook outbox); without it they wait as for a platform that is off. */
  webhooks?: WebhookChannel;
}

/** What one send came to, on either channel. */
type DeliveryOutcome = SendOutcome | WebhookSendOutcome;

export interface DeliveryResult {
  /** sent: every delivery settled, at least one posted; queued: some wait for a retry; failed: nothing could be posted. */
  status: 'sent' | 'queued' | 'failed';
  /** Deliveries found permanently undeliverable in this attempt, with why. */
  undeliverable: Array<{ index: number; reason: string }>;
  /** The messages this attempt posted (for a new claim: every message of the item that was posted). */
  posted: MessageRef[];
  /** When queued: the platform it waits for (off here), or the last transient error. */
  waitingFor?: string;
  lastError?: string;
  reason?: string;
}

/** `renewal_nudges/c1:2026-12-31:30/0`: names one delivery on the platform (Slack message metadata). */
const deliveryId = (outbox: Outbox, itemId: string, index: number) => `${outbox.name}/${itemId}/${index}`;

/** The delay before attempt `attempts + 1`: exponential from `retryBaseMs`, jittered, at most `retryMaxMs`, never before Retry-After. */
export function retryDelayMs(timing: DeliveryTiming, attempts: number, retryAfterMs = 0, random: () => number = Math.random): number {
  const exponential = Math.min(timing.retryMaxMs, timing.retryBaseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  const jittered = exponential * (0.5 + 0.5 * random());
  return Math.round(Math.max(jittered, retryAfterMs));
}

async function sendOnce(deps: DeliveryDeps, delivery: OutboxDelivery, id: string, attempt: number): Promise<DeliveryOutcome> {
  try {
    if (isWebhookDelivery(delivery)) {
      if (!deps.webhooks) return { status: 'off', reason: 'webhooks are not configured here' };
      return await deps.webhooks.send(delivery.target, delivery.message, { deliveryId: id, attempt });
    }
    return await deps.notifier.send(delivery.target, delivery.message, { deliveryId: id });
  } catch (error) {
    // The port promises not to throw; if an adapter does, the request may have gone out.
    return { status: 'transient', reason: error instanceof Error ? error.message : String(error), mayHaveArrived: true };
  }
}

/**
 * Makes one attempt at a claimed item's deliveries that are not settled yet, and records the
 * outcome: each delivery posted (its message ref) or permanently undeliverable (null and why);
 * then the item is sent, failed, or left queued with its next attempt time (exponential backoff
 * with jitter, honouring Retry-After) until its give-up time, after which it is reported failed.
 * A re-attempt first looks for the delivery on the platform where it can (Slack metadata), so a
 * message that did arrive before a crash or a timeout is recorded, not posted again. Only the
 * owner of the current attempt (the claimant, or the winner of `claimAttempt`) may call this.
 */
export async function deliverOutboxItem(deps: DeliveryDeps, outbox: Outbox, item: OutboxItem | StoredOutboxItem): Promise<DeliveryResult> {
  const result = await attemptOutboxItem(deps, outbox, item);
  const hook = deps.onUndeliverable?.[item.kind];
  if (hook) {
    const earlier = 'status' in item ? Object.entries(item.problems ?? {}).map(([index, reason]) => ({ index: Number(index), reason })) : [];
    const all = [...earlier.filter((e) => !result.undeliverable.some((u) => u.index === e.index)), ...result.undeliverable];
    if (all.length > 0) await hook(item, all, result.undeliverable.length > 0);
  }
  return result;
}

async function attemptOutboxItem(deps: DeliveryDeps, outbox: Outbox, item: OutboxItem | StoredOutboxItem): Promise<DeliveryResult> {
  const stored = 'status' in item ? item : undefined;
  const attempts = stored?.attempts ?? 1;
  const settled: Record<string, true> = {};
  for (const k of Object.keys(stored?.delivered ?? {})) settled[k] = true;
  const pending = [...item.deliveries.entries()].filter(([index]) => !settled[String(index)]);
  const posted: MessageRef[] = [];
  const undeliverable: DeliveryResult['undeliverable'] = [];
  let anyDelivered = Object.values(stored?.delivered ?? {}).some((r) => r !== null);
  let lastError: string | undefined;
  let retryAfterMs = 0;
  const offPlatforms = new Set<string>();
  let transientCount = 0;
  let offCount = 0;
  // The last settled delivery is written with the final status: one write fewer per item.
  let deferred: { index: number; ref: DeliveryRef | null; problem?: string } | undefined;
  const flush = async () => {
    if (deferred) await outbox.markDelivered(item.id, deferred.index, deferred.ref, deferred.problem);
    deferred = undefined;
  };

  // The attempt started at the claim; past half its lease it starts no further delivery (another
  // process may take the item over when the lease ends): the rest goes to the next attempt.
  const attemptStart = (stored?.claimedAt ?? deps.clock.now()).getTime();
  for (const [index, delivery] of pending) {
    const id = deliveryId(outbox, item.id, index);
    let outcome: DeliveryOutcome | undefined;
    if (deps.clock.now().getTime() - attemptStart > deps.delivery.leaseMs / 2) {
      transientCount++;
      lastError = 'the attempt ran out of time; the rest is sent by the next attempt';
      continue;
    }
    if (attempts > 1 && deps.notifier.findDelivered && !isWebhookDelivery(delivery)) {
      // An earlier attempt may have reached the platform (a crash, a timeout): look before posting.
      const found = await deps.notifier.findDelivered(delivery.target, id).catch((error: unknown) => ({ status: 'unknown' as const, reason: String(error) }));
      if (found.status === 'found') outcome = { status: 'delivered', ref: found.ref };
      else if (found.status === 'unknown') {
        const retryAfterMs = (found as { retryAfterMs?: number }).retryAfterMs;
        outcome = { status: 'transient', reason: `could not check for an earlier attempt: ${found.reason}`, ...(retryAfterMs ? { retryAfterMs } : {}) };
      }
    }
    outcome ??= await sendOnce(deps, delivery, id, attempts);
    if (outcome.status === 'delivered' || outcome.status === 'permanent') {
      await flush();
      if (outcome.status === 'delivered') {
        if ('platform' in outcome.ref) posted.push(outcome.ref);
        anyDelivered = true;
        deferred = { index, ref: outcome.ref };
      } else {
        undeliverable.push({ index, reason: outcome.reason });
        deferred = { index, ref: null, problem: outcome.reason };
      }
      continue;
    }
    transientCount++;
    if (outcome.status === 'off') {
      offPlatforms.add(isWebhookDelivery(delivery) ? 'webhooks' : (platformOf(delivery.target) ?? 'unknown'));
      offCount++;
    }
    lastError = outcome.reason;
    if (outcome.status === 'transient' && outcome.retryAfterMs) retryAfterMs = Math.max(retryAfterMs, outcome.retryAfterMs);
    // A request that may have reached the platform (a time-out) may still be processed there:
    // the retry waits a quarter lease (≥ 2 post time-outs, see the settings) before it looks.
    if (outcome.status === 'transient' && outcome.mayHaveArrived) retryAfterMs = Math.max(retryAfterMs, deps.delivery.leaseMs / 4);
  }

  const hook = deps.afterDelivery?.[item.kind];
  if (hook && posted.length > 0) await hook(item, posted);
  const now = deps.clock.now();

  if (transientCount === 0) {
    const status = anyDelivered ? 'sent' : 'failed';
    const reason = anyDelivered ? undefined : `undeliverable: ${undeliverable.map((u) => u.reason).join('; ') || 'no deliverable target'}`;
    await outbox.markSent(item.id, now, deferred, status, reason);
    return { status, undeliverable, posted, ...(reason ? { reason } : {}) };
  }
  await flush();
  const giveUpAt = stored?.giveUpAt ?? new Date((stored?.createdAt ?? now).getTime() + deps.delivery.giveUpAfterMs);
  const waitingFor = offCount === transientCount ? [...offPlatforms].join(',') : undefined;
  if (now.getTime() >= giveUpAt.getTime()) {
    const reason = waitingFor
      ? `not delivered by ${giveUpAt.toISOString()}: ${waitingFor} is not configured`
      : `not delivered by ${giveUpAt.toISOString()} after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${lastError}`;
    await outbox.markFailed(item.id, now, reason);
    return { status: 'failed', undeliverable, posted, reason, ...(lastError ? { lastError } : {}) };
  }
  const delay = retryDelayMs(deps.delivery, attempts, retryAfterMs, deps.random);
  const dueAt = new Date(Math.min(now.getTime() + delay, giveUpAt.getTime()));
  await outbox.reschedule(item.id, { dueAt, lastError: lastError ?? 'unknown', ...(waitingFor ? { waitingFor } : {}) });
  return { status: 'queued', undeliverable, posted, ...(waitingFor ? { waitingFor } : {}), ...(lastError ? { lastError } : {}) };
}

/** Claims a new item (attempt 1) and delivers it at once; 'taken' when the id was already claimed. */
export async function claimAndDeliver(deps: DeliveryDeps, outbox: Outbox, item: OutboxItem): Promise<DeliveryResult | 'taken'> {
  if (!(await outbox.claim(item, deps.clock.now(), deps.delivery))) return 'taken';
  return deliverOutboxItem(deps, outbox, item);
}

/** claimAndDeliver for several items, claimed in a few writes and then delivered in order. */
export async function claimAndDeliverMany(deps: DeliveryDeps, outbox: Outbox, items: readonly OutboxItem[]): Promise<Array<DeliveryResult | 'taken'>> {
  const won = await outbox.claimMany(items, deps.clock.now(), deps.delivery);
  const results: Array<DeliveryResult | 'taken'> = [];
  for (const item of items) results.push(won.has(item.id) ? await deliverOutboxItem(deps, outbox, item) : 'taken');
  return results;
}
