import type { ContractStatus } from './contract.js';
import type { UserRef } from './user-ref.js';

/**
 * One change to a contract, as the audit trail keeps it: append-only, never updated or deleted.
 * `action` is a lifecycle action or another recorded fact (created, imported, rolled_over, …).
 */
export interface AuditEvent {
  id: string;
  contractId: string;
  contractRef: string;
  at: Date;
  actor: UserRef;
  action: string;
  fromStatus?: ContractStatus;
  toStatus?: ContractStatus;
  details?: Record<string, unknown>;
}

/** What a service says about a change; the store fills id, contract and time. */
export type AuditEventDraft = Pick<AuditEvent, 'actor' | 'action' | 'fromStatus' | 'toStatus' | 'details'>;
