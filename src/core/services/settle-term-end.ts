import type { RenewalCandidate } from '../ports/renewal-repository.js';
import { nextStatus } from '../domain/lifecycle.js';
import type { RenewalStep } from '../domain/renewal-schedule.js';
import { SYSTEM_USER } from '../domain/user-ref.js';
import { isAppError } from '../errors.js';
import type { RenewalDecision } from '../ports/renewal-repository.js';
import type { RenewalDeps } from './renewal-deps.js';

export type TermEndOutcome = 'rolled_over' | 'expired' | 'renewed' | 'unchanged';

/**
 * What happens the day after a term ends. A decision wins: `lapse` expires the contract, `renew`
 * marks it renewed (the renewal draft carries the next term). Without one, an auto-renewing
 * contract rolls over to its next term end (audit `rolled_over`) and any other contract expires.
 * Every write is conditional on the revision read, so concurrent scans apply it once.
 */
export async function settleTermEnd(
  deps: RenewalDeps,
  contract: RenewalCandidate,
  step: Extract<RenewalStep, { kind: 'roll_over' | 'expire' }>,
  decision: RenewalDecision | undefined,
): Promise<TermEndOutcome> {
  const details = { termEnd: step.termEnd, ...(decision ? { decision: decision.decision, decidedBy: decision.by, decidedAt: decision.at } : {}) };
  if (decision?.decision === 'renew' || step.kind === 'expire' || decision?.decision === 'lapse') {
    const action = decision?.decision === 'renew' ? 'renew' : 'expire';
    let to;
    try {
      to = nextStatus(contract.status, action);
    } catch (error) {
      if (isAppError(error)) return 'unchanged'; // settled (or changed) by someone else first
      throw error;
    }
    // The contract in hand was just read; a conditional update on its revision applies the
    // change once however many scans race (the losers get null and leave it).
    const changed = await deps.contracts.update(
      contract.id,
      contract.revision,
      { status: to },
      {
        actor: SYSTEM_USER,
        action,
        fromStatus: contract.status,
        toStatus: to,
        details: { ...details, ...(decision?.renewalContractId ? { renewalContractId: decision.renewalContractId } : {}) },
      },
    );
    if (!changed) return 'unchanged';
    return action === 'renew' ? 'renewed' : 'expired';
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
