import type { Contract } from '../domain/contract.js';
import type { Obligation } from '../domain/obligation.js';
import type { UserRef } from '../domain/user-ref.js';
import { webhookEventId, type WebhookEvent, type WebhookEventType } from '../domain/webhook-event.js';
import type { AuditEventDraft } from '../domain/audit-event.js';

type ContractFields = Omit<Contract, 'versions'>;

const person = (u: UserRef) => ({
  platform: u.platform,
  id: u.id,
  ...(u.email ? { email: u.email } : {}),
  ...(u.displayName ? { displayName: u.displayName } : {}),
});

/** The contract as a webhook carries it: the API's Contract fields that matter to a CRM or ERP. */
function webhookContract(c: ContractFields): Record<string, unknown> {
  const { crmDealId, crmDealUrl } = c.keyTerms;
  return {
    ref: c.ref,
    title: c.title,
    type: c.type,
    counterparty: c.counterparty,
    status: c.status,
    ...(c.value ? { value: { amountMinor: c.value.amountMinor, currency: c.value.currency } } : {}),
    ...(c.startDate ? { startDate: c.startDate } : {}),
    ...(c.endDate ? { endDate: c.endDate } : {}),
    autoRenews: c.autoRenews,
    ...(c.noticePeriodDays !== undefined ? { noticePeriodDays: c.noticePeriodDays } : {}),
    ...(c.signedDate ? { signedDate: c.signedDate } : {}),
    owner: person(c.owner),
    requester: person(c.requester),
    ...(crmDealId ? { crmDeal: { id: crmDealId, ...(crmDealUrl ? { url: crmDealUrl } : {}) } } : {}),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Lifecycle actions (audit `action`) that are webhook events. */
const CONTRACT_EVENTS: Record<string, WebhookEventType> = {
  approve: 'contract.approved',
  reject: 'contract.rejected',
  send_for_signature: 'contract.sent_for_signature',
  sign: 'contract.signed',
  renew: 'contract.renewed',
  /** An auto-renewing contract's term ended without a decision: it runs on for another term. */
  rolled_over: 'contract.renewed',
  expire: 'contract.expired',
  terminate: 'contract.terminated',
};

/** Audit actions of a new contract that count as a request (not imports of existing contracts). */
const REQUEST_ACTIONS = new Set(['created', 'created_as_renewal']);

/** The event type of a stored contract change (its audit action), if it is one. */
export function contractChangeEventType(action: string, kind: 'insert' | 'update'): WebhookEventType | undefined {
  return kind === 'insert' ? (REQUEST_ACTIONS.has(action) ? 'contract.requested' : undefined) : CONTRACT_EVENTS[action];
}

/**
 * The event a stored contract change is, if any: a lifecycle move (`contract.approved`, …) or a
 * new contract request. Its id is the contract and the revision the change produced, so a change
 * is one event however often it is reported.
 */
export function contractChangeEvent(contract: Contract, change: AuditEventDraft, kind: 'insert' | 'update'): WebhookEvent | undefined {
  const type = contractChangeEventType(change.action, kind);
  if (!type) return undefined;
  return {
    id: webhookEventId(type, contract.id, `r${contract.revision}`),
    type,
    timestamp: contract.updatedAt.toISOString(),
    subjectId: contract.id,
    data: {
      contract: webhookContract(contract),
      action: change.action,
      ...(change.fromStatus && kind === 'update' ? { fromStatus: change.fromStatus } : {}),
      ...(change.toStatus ? { toStatus: change.toStatus } : {}),
      actor: person(change.actor),
    },
  };
}

/** `renewal.nudged`: one per nudge sent (its outbox id is the nudge's: contract, term end, step). */
export function renewalNudgedEvent(
  contract: ContractFields,
  nudge: { id: string; termEnd: string; deadline: string; offset: number; noticeOnly?: boolean },
  at: Date,
): WebhookEvent {
  return {
    id: webhookEventId('renewal.nudged', nudge.id),
    type: 'renewal.nudged',
    timestamp: at.toISOString(),
    subjectId: contract.id,
    data: {
      contract: webhookContract(contract),
      termEnd: nudge.termEnd,
      noticeDeadline: nudge.deadline,
      daysBeforeDeadline: nudge.offset,
      kind: nudge.noticeOnly ? 'send_notice' : 'decide',
    },
  };
}

/** `obligation.due`: once per obligation and due date (on the day, or the first overdue reminder after downtime). */
export function obligationDueEvent(o: Obligation, today: string, at: Date): WebhookEvent {
  return {
    id: webhookEventId('obligation.due', o.id, o.dueDate),
    type: 'obligation.due',
    timestamp: at.toISOString(),
    subjectId: o.id,
    data: {
      obligation: {
        id: o.id,
        kind: o.kind,
        title: o.title,
        dueDate: o.dueDate,
        ...(o.amount ? { amount: { amountMinor: o.amount.amountMinor, currency: o.amount.currency } } : {}),
        owner: person(o.owner),
        status: o.status,
      },
      contractRef: o.contractRef,
      overdue: today > o.dueDate,
    },
  };
}
