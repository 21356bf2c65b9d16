import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { ContractRepository } from '../ports/contract-repository.js';
import type { EventPublisher } from '../ports/event-publisher.js';
import type { SequenceGenerator } from '../ports/sequence-generator.js';

/** What the contract services need from the outside world. */
export interface ContractStoreDeps {
  contracts: ContractRepository;
  audit: AuditLog;
  sequences: SequenceGenerator;
  clock: Clock;
  /** Where renewal nudges and obligations due are reported as events (webhooks); contract moves are reported by the repository. */
  events?: EventPublisher;
}
