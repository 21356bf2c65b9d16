import type { Connection } from 'mongoose';
import type { RenewalDeps, RenewalSettings } from '../../src/core/services/renewal-deps.js';
import type { ContractStoreDeps } from '../../src/core/services/contract-store-deps.js';
import { utcUserDirectory, type UserDirectory } from '../../src/core/ports/user-directory.js';
import { createMongoOutbox } from '../../src/infra/mongo/mongo-outbox.js';
import { createMongoRenewalRepository } from '../../src/infra/mongo/mongo-renewal-repository.js';
import { RecordingNotifier } from './recording-notifier.js';

/** Renewal deps on a test database with a recording notifier. */
export async function renewalDepsFor(
  db: { connection: Connection; store: ContractStoreDeps },
  options: { settings?: Partial<RenewalSettings>; users?: UserDirectory; notifier?: RecordingNotifier } = {},
): Promise<RenewalDeps & { notifier: RecordingNotifier }> {
  return {
    ...db.store,
    renewals: await createMongoRenewalRepository(db.connection),
    nudges: await createMongoOutbox(db.connection, 'renewal_nudges'),
    notifier: options.notifier ?? new RecordingNotifier(),
    users: options.users ?? utcUserDirectory,
    settings: { offsets: [90, 60, 30, 7, 0], leaseMs: 10 * 60_000, maxAttempts: 3, ...options.settings },
  };
}
