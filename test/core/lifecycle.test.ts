import { CONTRACT_STATUSES, type ContractStatus } from '../../src/core/domain/contract.js';
import { canTransition, LIFECYCLE_ACTIONS, nextStatus, type LifecycleAction } from '../../src/core/domain/lifecycle.js';
import { AppError } from '../../src/core/errors.js';

/** The whole table, written out independently of the implementation. */
const LEGAL: Array<[ContractStatus, LifecycleAction, ContractStatus]> = [
  ['draft', 'submit', 'in_review'],
  ['in_review', 'approve', 'approved'],
  ['in_review', 'reject', 'rejected'],
  ['rejected', 'revise', 'draft'],
  ['draft', 'revise', 'draft'],
  ['approved', 'send_for_signature', 'sent_for_signature'],
  ['sent_for_signature', 'sign', 'active'],
  ['sent_for_signature', 'recall_signature', 'approved'],
  ['active', 'amend', 'active'],
  ['active', 'renew', 'renewed'],
  ['active', 'terminate', 'terminated'],
  ['approved', 'terminate', 'terminated'],
  ['sent_for_signature', 'terminate', 'terminated'],
  ['active', 'expire', 'expired'],
];

describe('contract lifecycle', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(canTransition(from, action)).toBe(true);
    expect(nextStatus(from, action)).toBe(to);
  });

  const legalKeys = new Set(LEGAL.map(([from, action]) => `${from}/${action}`));
  const illegal = CONTRACT_STATUSES.flatMap((from) =>
    LIFECYCLE_ACTIONS.filter((action) => !legalKeys.has(`${from}/${action}`)).map((action) => [from, action] as const),
  );

  it('has illegal pairs to check', () => {
    expect(illegal.length).toBe(CONTRACT_STATUSES.length * LIFECYCLE_ACTIONS.length - LEGAL.length);
  });

  it.each(illegal)('refuses %s --%s--> with a clear error', (from, action) => {
    expect(canTransition(from, action)).toBe(false);
    let caught: unknown;
    try {
      nextStatus(from, action);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('ILLEGAL_TRANSITION');
    expect((caught as AppError).message).toMatch(/^Cannot .+ a contract that is .+: only a contract that is .+ can\.$/);
  });

  it('ends in terminal statuses from which nothing moves', () => {
    for (const status of ['renewed', 'terminated', 'expired'] as const) {
      expect(LIFECYCLE_ACTIONS.filter((a) => canTransition(status, a))).toEqual([]);
    }
  });
});
