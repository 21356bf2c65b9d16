import type { Env } from '../config/env.js';
import type { Clock } from '../core/ports/clock.js';
import type { DeliveryTiming } from '../core/ports/outbox.js';

/** The outbox's lease, retry and give-up times from the DELIVERY_* settings. */
export function deliveryTiming(
  env: Pick<Env, 'DELIVERY_LEASE_MS' | 'DELIVERY_RETRY_BASE_MS' | 'DELIVERY_RETRY_MAX_MS' | 'DELIVERY_GIVE_UP_AFTER_MS'>,
): DeliveryTiming {
  return {
    leaseMs: env.DELIVERY_LEASE_MS,
    retryBaseMs: env.DELIVERY_RETRY_BASE_MS,
    retryMaxMs: Math.max(env.DELIVERY_RETRY_MAX_MS, env.DELIVERY_RETRY_BASE_MS),
    giveUpAfterMs: env.DELIVERY_GIVE_UP_AFTER_MS,
  };
}

/**
 * The process clock: the system's, or (tests only, CLAUSE_TEST_CLOCK) one that starts at a fixed
 * instant and runs on at the real pace, so child processes in fault tests agree on "today".
 */
export function processClock(env: Pick<Env, 'CLAUSE_TEST_CLOCK'>, system: Clock): Clock {
  if (!env.CLAUSE_TEST_CLOCK) return system;
  const offset = new Date(env.CLAUSE_TEST_CLOCK).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
