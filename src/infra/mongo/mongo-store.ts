import type { Connection } from 'mongoose';
import type { Clock } from '../../core/ports/clock.js';
import type { ContractStoreDeps } from '../../core/services/contract-store-deps.js';
import { auditEventModel } from './models/audit-event-model.js';
import { contractModel } from './models/contract-model.js';
import { counterModel } from './models/counter-model.js';
import { sequenceClaimModel } from './models/sequence-claim-model.js';
import { MongoAuditLog } from './mongo-audit-log.js';
import { MongoContractRepository } from './mongo-contract-repository.js';
import { MongoSequenceGenerator } from './mongo-sequence-generator.js';

/** The contract store on one mongoose connection, with its indexes in place. */
export async function createMongoStore(connection: Connection, clock: Clock): Promise<ContractStoreDeps> {
  await Promise.all(
    [contractModel(connection), auditEventModel(connection), counterModel(connection), sequenceClaimModel(connection)].map((m) => m.createIndexes()),
  );
  const audit = new MongoAuditLog(connection, clock);
  return {
    contracts: new MongoContractRepository(connection, clock),
    audit,
    sequences: new MongoSequenceGenerator(connection),
    clock,
  };
}
