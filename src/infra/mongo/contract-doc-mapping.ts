import type { AuditEvent } from '../../core/domain/audit-event.js';
import { noticeDeadline } from '../../core/domain/renewal-schedule.js';
import { effectiveEndDate, type Contract, type ContractStatus, type ContractVersion } from '../../core/domain/contract.js';
import type { UserRef } from '../../core/domain/user-ref.js';
import type { ContractDoc } from './models/contract-model.js';
import type { AuditEventDoc } from './models/audit-event-model.js';

export function userKey(u: UserRef): string {
  return `${u.platform}:${u.id}`;
}

/** A stored user reference with only its defined fields. */
export function cleanUser(raw: Record<string, unknown>): UserRef {
  const u: UserRef = { platform: raw.platform as UserRef['platform'], id: String(raw.id) };
  if (raw.tenantId) u.tenantId = String(raw.tenantId);
  if (raw.email) u.email = String(raw.email);
  if (raw.displayName) u.displayName = String(raw.displayName);
  return u;
}

/** Copies only the defined keys, so optional fields stay absent rather than `undefined`/`null`. */
function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null)) as T;
}

export function docToContract(doc: ContractDoc): Contract {
  return defined({
    id: String(doc._id),
    ref: doc.ref,
    externalId: doc.externalId,
    title: doc.title,
    type: doc.type,
    counterparty: doc.counterparty,
    owner: cleanUser(doc.owner),
    requester: cleanUser(doc.requester),
    value: doc.value ? { amountMinor: doc.value.amountMinor, currency: doc.value.currency } : undefined,
    startDate: doc.startDate,
    endDate: doc.endDate,
    termMonths: doc.termMonths,
    autoRenews: Boolean(doc.autoRenews),
    renewalTermMonths: doc.renewalTermMonths,
    noticePeriodDays: doc.noticePeriodDays,
    governingLaw: doc.governingLaw,
    signedDate: doc.signedDate,
    status: doc.status as ContractStatus,
    keyTerms: { ...(doc.keyTerms ?? {}) },
    versions: (doc.versions ?? []).map(
      (v) =>
        defined({
          number: Number(v.number),
          text: String(v.text),
          templateId: v.templateId as string | undefined,
          note: v.note as string | undefined,
          createdAt: new Date(v.createdAt as Date),
          createdBy: cleanUser(v.createdBy as Record<string, unknown>),
        }) as ContractVersion,
    ),
    notes: doc.notes,
    renewalOf: doc.renewalOf,
    revision: doc.revision,
    createdAt: new Date(doc.createdAt),
    updatedAt: new Date(doc.updatedAt),
  }) as Contract;
}

/** Fields derived from the contract for indexing; recomputed on every write. */
export function derivedFields(c: Pick<Contract, 'owner' | 'requester' | 'startDate' | 'endDate' | 'termMonths' | 'noticePeriodDays'>) {
  const termEnd = effectiveEndDate(c);
  return {
    ownerKey: userKey(c.owner),
    ownerEmail: c.owner.email?.toLowerCase(),
    requesterKey: userKey(c.requester),
    effectiveEndDate: termEnd,
    /** What the renewal scan selects on (scanWindow): end date − notice period. */
    noticeDeadline: termEnd ? noticeDeadline(termEnd, c.noticePeriodDays) : undefined,
  };
}

export function docToAuditEvent(doc: AuditEventDoc): AuditEvent {
  return defined({
    id: doc._id,
    contractId: doc.contractId,
    contractRef: doc.contractRef,
    at: new Date(doc.at),
    actor: cleanUser(doc.actor),
    action: doc.action,
    fromStatus: doc.fromStatus as ContractStatus | undefined,
    toStatus: doc.toStatus as ContractStatus | undefined,
    details: doc.details,
  }) as AuditEvent;
}
