import type { Contract } from '../domain/contract.js';
import type { RenewalStep } from '../domain/renewal-schedule.js';
import { SYSTEM_USER } from '../domain/user-ref.js';
import { isAppError } from '../errors.js';
import type { RenewalDecision } from '../ports/renewal-repository.js';
import type { RenewalDeps } from './renewal-deps.js';
import { transitionContract } from './transition-contract.js';

export type TermEndOutcome = 'rolled_over' | 'expired' | 'renewed' | 'unchanged';

/**
 * What happens the day after a term ends. A decision wins: `lapse` expires the contract, `renew`
 * marks it renewed (the renewal draft carries the next term). Without one, an auto-renewing
 * contract rolls over to its next term end (audit `rolled_over`) and any other contract expires.
 * Every write is conditional on the revision read, so concurrent scans apply it once.
 */
export async function settleTermEnd(
  deps: RenewalDeps,
  contract: Contract,
  step: Extract<RenewalStep, { kind: 'roll_over' | 'expire' }>,
  decision: RenewalDecision | undefined,
): Promise<TermEndOutcome> {
  const details = { termEnd: step.termEnd, ...(decision ? { decision: decision.decision, decidedBy: decision.by, decidedAt: decision.at } : {}) };
  try {
    if (decision?.decision === 'renew') {
      await transitionContract(deps, {
        contractId: contract.id,
        action: 'renew',
        actor: SYSTEM_USER,
        expectedStatus: 'active',
        details: { ...details, ...(decision.renewalContractId ? { renewalContractId: decision.renewalContractId } : {}) },
      });
      return 'renewed';
    }
    if (step.kind === 'expire' || decision?.decision === 'lapse') {
      await transitionContract(deps, { contractId: contract.id, action: 'expire', actor: SYSTEM_USER, expectedStatus: 'active', details });
      return 'expired';
    }
  } catch (error) {
    // Someone else settled it (or changed it) first: nothing more to do this time.
    if (isAppError(error)) return 'unchanged';
    throw error;
  }
  const updated = await deps.contracts.update(
    contract.id,
    contract.revision,
    { set: { endDate: step.newEnd } },
    {
      actor: SYSTEM_USER,
      action: 'rolled_over',
      fromStatus: 'active',
      toStatus: 'active',
      details: { ...details, newEnd: step.newEnd, terms: step.terms, renewalTermMonths: contract.renewalTermMonths },
    },
  );
  return updated ? 'rolled_over' : 'unchanged';
}
