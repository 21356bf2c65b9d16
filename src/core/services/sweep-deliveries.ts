import type { Outbox } from '../ports/outbox.js';
import type { DeliveryDeps } from './deliver-outbox-item.js';
import { emptySweepReport, sweepOutbox, type SweepReport } from './sweep-outbox.js';

/** One outbox and how its items are delivered. */
export interface SweptOutbox {
  outbox: Outbox;
  deps: DeliveryDeps;
}

/**
 * The delivery sweeper (job `deliveries.sweep`, every DELIVERY_SWEEP_INTERVAL_MS): one bounded
 * pass over every outbox, sending the items whose retry time came or whose sender's lease ran out.
 */
export async function sweepDeliveries(outboxes: readonly SweptOutbox[], options: { limit: number; signal?: AbortSignal }): Promise<SweepReport> {
  const report = emptySweepReport();
  for (const { outbox, deps } of outboxes) {
    if (options.signal?.aborted) break;
    await sweepOutbox(deps, outbox, { limit: options.limit, report, ...(options.signal ? { signal: options.signal } : {}) });
  }
  return report;
}
