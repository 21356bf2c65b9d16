import type { AuditEvent } from '../domain/audit-event.js';
import type { ContractStoreDeps } from './contract-store-deps.js';

export async function getAuditTrail(deps: Pick<ContractStoreDeps, 'audit'>, contractId: string): Promise<AuditEvent[]> {
  return deps.audit.listForContract(contractId);
}
