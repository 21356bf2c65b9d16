import type { Connection } from 'mongoose';
import type { RenewalDeps, RenewalSettings } from '../../src/core/services/renewal-deps.js';
import type { ContractStoreDeps } from '../../src/core/services/contract-store-deps.js';
import { utcUserDirectory, type UserDirectory } from '../../src/core/ports/user-directory.js';
import { createMongoOutbox } from '../../src/infra/mongo/mongo-outbox.js';
import { createMongoRenewalRepository } from '../../src/infra/mongo/mongo-renewal-repository.js';
import { RecordingNotifier, TEST_DELIVERY } from './recording-notifier.js';
import type { DeliveryTiming } from '../../src/core/ports/outbox.js';

/** Renewal deps on a test database with a recording notifier. */
export async function renewalDepsFor(
  db: { connection: Connection; store: ContractStoreDeps },
  options: { settings?: Partial<RenewalSettings>; users?: UserDirectory; notifier?: RecordingNotifier; delivery?: Partial<DeliveryTiming> } = {},
): Promise<RenewalDeps & { notifier: RecordingNotifier }> {
  return {
    ...db.store,
    renewals: await createMongoRenewalRepository(db.connection),
    nudges: await createMongoOutbox(db.connection, 'renewal_nudges'),
    notifier: options.notifier ?? new RecordingNotifier(),
    users: options.users ?? utcUserDirectory,
    settings: { offsets: [90, 60, 30, 7, 0], ...options.settings },
    delivery: { ...TEST_DELIVERY, ...options.delivery },
  };
}
