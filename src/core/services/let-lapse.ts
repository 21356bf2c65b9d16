import type { CalendarDate } from '../domain/calendar-date.js';
import { todayFor } from './today-for.js';
import { daysBetween } from '../domain/calendar-date.js';
import type { Contract } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import { alreadyDecidedError } from './already-decided-error.js';
import { currentRenewalTerm } from './current-renewal-term.js';
import type { RenewalDeps } from './renewal-deps.js';

export interface LetLapseResult {
  contract: Contract;
  /** True for an auto-renewing contract: it renews unless notice reaches the counterparty in time. */
  noticeRequired: boolean;
  message: string;
}

/**
 * Decides not to renew a term: claims the decision (no more nudges for the term), records it, and
 * at the term end the contract expires instead of rolling over. An auto-renewing contract still
 * needs written notice by the deadline; the reply says so and by when.
 */
export async function letLapse(deps: RenewalDeps, input: { contractId: string; termEnd?: CalendarDate; actor: UserRef }): Promise<LetLapseResult> {
  const { contract, termEnd, deadline } = await currentRenewalTerm(deps, input.contractId, input.termEnd);
  const now = deps.clock.now();
  if (!(await deps.renewals.claimDecision({ contractId: contract.id, termEnd, decision: 'lapse', by: input.actor, at: now }))) {
    throw alreadyDecidedError(contract.ref, await deps.renewals.findDecision(contract.id, termEnd));
  }
  const noticeRequired = contract.autoRenews;
  await deps.audit.append(contract, {
    actor: input.actor,
    action: 'renewal_lapse',
    details: { termEnd, noticeDeadline: deadline, noticeRequired },
  });
  const days = daysBetween(await todayFor(deps, input.actor, now), deadline);
  const message = noticeRequired
    ? `Recorded: ${contract.ref} will not be renewed. It renews automatically unless ${contract.counterparty} receives written notice of non-renewal by ${deadline} (${days >= 0 ? `${days} days left` : 'the deadline has passed'}): send it now. It will be marked expired after ${termEnd}.`
    : `Recorded: ${contract.ref} will not be renewed and will be marked expired after ${termEnd}.`;
  return { contract, noticeRequired, message };
}
