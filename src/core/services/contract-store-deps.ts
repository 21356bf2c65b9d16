import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { ContractRepository } from '../ports/contract-repository.js';
import type { EventPublisher } from '../ports/event-publisher.js';
import type { SequenceGenerator } from '../ports/sequence-generator.js';
import type { SignatureDeps } from './signature-deps.js';

/** What the contract services need from the outside world. */
export interface ContractStoreDeps {
  contracts: ContractRepository;
  audit: AuditLog;
  sequences: SequenceGenerator;
  clock: Clock;
  /**
   * The e-signature provider (ESIGN_PROVIDER), when one is configured: "Mark sent for signature"
   * then sends the envelope through it. Absent: the manual buttons only record what happened.
   */
  signatures?: SignatureDeps;
  /** Where renewal nudges and obligations due are reported as events (webhooks); contract moves are reported by the repository. */
  events?: EventPublisher;
}
