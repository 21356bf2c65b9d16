import type { ContractRepository } from '../ports/contract-repository.js';
import type { EventPublisher } from '../ports/event-publisher.js';
import { contractChangeEvent } from '../views/webhook-events.js';

/**
 * The contract repository, reporting its changes as events: a stored lifecycle move (approve,
 * reject, send for signature, sign, renew or roll over, expire, terminate) or a new contract request is
 * published after its write succeeded. Every service that changes a contract writes through
 * `update`/`insert`, so the events need no call in each of them. Bulk inserts (imports of
 * existing contracts) are not requests and publish nothing.
 */
export function withContractEvents(repo: ContractRepository, events: EventPublisher): ContractRepository {
  return {
    insert: async (record, event) => {
      const contract = await repo.insert(record, event);
      const e = contractChangeEvent(contract, event, 'insert');
      if (e) await events.publish(e);
      return contract;
    },
    update: async (id, expectedRevision, change, event, options) => {
      // The options (the caller's copy, facts written with the move) pass through: dropping them
      // costs a read and a write per change (test/bots/slack/round-trip-budget.test.ts).
      const contract = await repo.update(id, expectedRevision, change, event, options);
      const e = contract ? contractChangeEvent(contract, event, 'update') : undefined;
      if (e) await events.publish(e);
      return contract;
    },
    insertMany: (items) => repo.insertMany(items),
    findById: (id) => repo.findById(id),
    findByRef: (ref) => repo.findByRef(ref),
    findByExternalId: (externalId) => repo.findByExternalId(externalId),
    findByExternalIds: (externalIds) => repo.findByExternalIds(externalIds),
    list: (query) => repo.list(query),
    count: (query) => repo.count(query),
  };
}
