import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { ContractRepository } from '../ports/contract-repository.js';
import type { SequenceGenerator } from '../ports/sequence-generator.js';

/** What the contract services need from the outside world. */
export interface ContractStoreDeps {
  contracts: ContractRepository;
  audit: AuditLog;
  sequences: SequenceGenerator;
  clock: Clock;
}
