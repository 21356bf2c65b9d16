import type { AuditEventDraft } from '../domain/audit-event.js';
import type { Contract } from '../domain/contract.js';
import { webhookEventId, type WebhookEvent, type WebhookEventType } from '../domain/webhook-event.js';
import type { AuditLog, RecordedTransition } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { ContractRepository } from '../ports/contract-repository.js';
import type { Outbox } from '../ports/outbox.js';
import type { WebhookSubscription, WebhookSubscriptions } from '../ports/webhook-subscriptions.js';
import { contractChangeEvent, contractChangeEventType } from '../views/webhook-events.js';
import { subscribedAt, webhookItemId } from './publish-event.js';

export interface RecoverContractEventsDeps {
  audit: Pick<AuditLog, 'listTransitions'>;
  contracts: Pick<ContractRepository, 'findById'>;
  subscriptions: Pick<WebhookSubscriptions, 'listFor'>;
  /** The webhook outbox: which items are already queued. */
  outbox: Pick<Outbox, 'existing'>;
  clock: Clock;
  /**
   * Queues the event for the subscriptions enabled by `enabledBy` that do not have it yet (the
   * claims skip the others) and starts their first attempts; returns how many it queued.
   */
  republish(event: WebhookEvent, enabledBy: Date): Promise<number>;
}

export interface RecoverContractEventsOptions {
  /** How far back changes are looked at. */
  windowMs: number;
  /** Changes younger than this are left to the process that made them (it is publishing them now). */
  settleMs: number;
  /** Changes read per page. */
  pageSize?: number;
  /** Aborted on shutdown: stops between pages. */
  signal?: AbortSignal;
}

export interface RecoverContractEventsReport {
  /** Changes in the window that are events some subscription was on for. */
  checked: number;
  /** Of those, the ones with a subscription's outbox item missing. */
  missing: number;
  /** Outbox items queued now. */
  queued: number;
  /** Events that could not be re-published (retried by the next run while in the window). */
  failed: Array<{ eventId: string; error: string }>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The recovery path of contract events: an event is published after its change is stored, so a
 * failure in between (the database hiccups, the process dies) would lose it. This re-derives the
 * events of the changes stored in the window (from the transitions the audit trail keeps) and
 * queues the ones whose outbox items are missing. Event and item ids are deterministic, so an
 * event already queued is never queued twice, whoever runs this and however often.
 */
export async function recoverContractEvents(deps: RecoverContractEventsDeps, options: RecoverContractEventsOptions): Promise<RecoverContractEventsReport> {
  const now = deps.clock.now().getTime();
  const from = new Date(now - options.windowMs);
  const to = new Date(now - options.settleMs);
  const limit = options.pageSize ?? 200;
  const report: RecoverContractEventsReport = { checked: 0, missing: 0, queued: 0, failed: [] };
  const subscribers = new Map<WebhookEventType, WebhookSubscription[]>();
  const subscribersOf = async (type: WebhookEventType) => {
    let subs = subscribers.get(type);
    if (!subs) subscribers.set(type, (subs = await deps.subscriptions.listFor(type)));
    return subs;
  };
  let after: string | undefined;
  for (;;) {
    if (options.signal?.aborted) break;
    const page = await deps.audit.listTransitions({ from, to, limit, ...(after ? { after } : {}) });
    if (page.length === 0) break;
    after = page[page.length - 1]!.cursor;
    const candidates: Array<{ transition: RecordedTransition; eventId: string; itemIds: string[] }> = [];
    for (const transition of page) {
      const type = contractChangeEventType(transition.event.action, transition.revision === 0 ? 'insert' : 'update');
      if (!type) continue;
      const subs = subscribedAt(await subscribersOf(type), transition.event.at);
      if (subs.length === 0) continue;
      const eventId = webhookEventId(type, transition.event.contractId, `r${transition.revision}`);
      candidates.push({ transition, eventId, itemIds: subs.map((s) => webhookItemId(eventId, s.id)) });
    }
    report.checked += candidates.length;
    const queued = candidates.length > 0 ? await deps.outbox.existing(candidates.flatMap((c) => c.itemIds)) : new Set<string>();
    for (const c of candidates) {
      if (c.itemIds.every((id) => queued.has(id))) continue;
      report.missing++;
      try {
        const event = await eventOf(deps, c.transition);
        if (event) report.queued += await deps.republish(event, c.transition.event.at);
      } catch (err) {
        report.failed.push({ eventId: c.eventId, error: message(err) });
      }
    }
    if (page.length < limit) break;
  }
  return report;
}

/**
 * The event of a stored change, as it was published at the time when the contract is still at
 * that revision (the same body). A contract changed again since carries its current fields with
 * the revision, status and time of that change.
 */
async function eventOf(deps: RecoverContractEventsDeps, transition: RecordedTransition): Promise<WebhookEvent | undefined> {
  const { event, revision } = transition;
  // findById rolls forward a change whose writer died between claiming and applying it.
  const current = await deps.contracts.findById(event.contractId);
  if (!current || current.revision < revision) return undefined;
  const contract: Contract = current.revision === revision ? current : { ...current, revision, updatedAt: event.at, status: event.toStatus ?? current.status };
  const draft: AuditEventDraft = {
    actor: event.actor,
    action: event.action,
    ...(event.fromStatus ? { fromStatus: event.fromStatus } : {}),
    ...(event.toStatus ? { toStatus: event.toStatus } : {}),
    ...(event.details ? { details: event.details } : {}),
  };
  return contractChangeEvent(contract, draft, revision === 0 ? 'insert' : 'update');
}
