import type { AuditEvent, AuditEventDraft } from '../domain/audit-event.js';

export interface AuditLog {
  /** Records a fact that is not a stored change of the contract (a nudge sent, a file exported). */
  append(contract: { id: string; ref: string }, event: AuditEventDraft): Promise<AuditEvent>;
  /** Every event of one contract, oldest first. */
  listForContract(contractId: string): Promise<AuditEvent[]>;
}
