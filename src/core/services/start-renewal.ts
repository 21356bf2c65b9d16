import type { CalendarDate } from '../domain/calendar-date.js';
import { latestVersion, type Contract } from '../domain/contract.js';
import { renewalTermDates } from '../domain/renewal-schedule.js';
import type { UserRef } from '../domain/user-ref.js';
import { isAppError } from '../errors.js';
import { alreadyDecidedError } from './already-decided-error.js';
import { createContract } from './create-contract.js';
import { currentRenewalTerm } from './current-renewal-term.js';
import type { RenewalDeps } from './renewal-deps.js';

export interface StartRenewalResult {
  original: Contract;
  /** The renewal draft (in review when the approval flow took it). */
  draft: Contract;
  submitted: boolean;
  message: string;
}

/**
 * Decides to renew a term: claims the term's decision (so two clicks make one draft), creates the
 * renewal draft for the next term (`renewalOf` the original, same terms) and submits it through
 * the approval flow when that is wired. Recorded on both contracts' audit trails.
 */
export async function startRenewal(
  deps: RenewalDeps,
  input: { contractId: string; termEnd?: CalendarDate; actor: UserRef },
): Promise<StartRenewalResult> {
  const { contract, termEnd } = await currentRenewalTerm(deps, input.contractId, input.termEnd);
  const now = deps.clock.now();
  if (!(await deps.renewals.claimDecision({ contractId: contract.id, termEnd, decision: 'renew', by: input.actor, at: now }))) {
    throw alreadyDecidedError(contract.ref, await deps.renewals.findDecision(contract.id, termEnd));
  }
  const next = renewalTermDates(contract)!;
  const text = latestVersion(contract);
  const draft = await createContract(deps, {
    terms: {
      title: contract.title,
      type: contract.type,
      counterparty: contract.counterparty,
      ...(contract.value ? { value: contract.value } : {}),
      startDate: next.startDate,
      endDate: next.endDate,
      termMonths: next.months,
      autoRenews: contract.autoRenews,
      ...(contract.renewalTermMonths ? { renewalTermMonths: contract.renewalTermMonths } : {}),
      ...(contract.noticePeriodDays !== undefined ? { noticePeriodDays: contract.noticePeriodDays } : {}),
      ...(contract.governingLaw ? { governingLaw: contract.governingLaw } : {}),
      keyTerms: contract.keyTerms,
    },
    owner: contract.owner,
    requester: input.actor,
    actor: input.actor,
    renewalOf: contract.id,
    ...(text ? { text: { body: text.text, ...(text.templateId ? { templateId: text.templateId } : {}), note: `Renewal of ${contract.ref}` } } : {}),
    auditAction: 'created_as_renewal',
    auditDetails: { renewalOf: contract.ref, termEnd },
  });
  await deps.renewals.setRenewalContract(contract.id, termEnd, draft.id);
  await deps.audit.append(contract, {
    actor: input.actor,
    action: 'renewal_started',
    details: { termEnd, renewalContractId: draft.id, renewalRef: draft.ref },
  });
  let current = draft;
  let submitted = false;
  let problem = '';
  if (deps.submitForApproval && draft.versions.length > 0) {
    try {
      current = await deps.submitForApproval(draft, input.actor);
      submitted = true;
    } catch (error) {
      // The draft and the decision stand; the reason (e.g. no policy rule covers it) is shown.
      if (!isAppError(error)) throw error;
      problem = ` It could not be submitted for approval: ${error.message}`;
    }
  }
  const message = submitted
    ? `Renewal started: ${current.ref} covers ${next.startDate} to ${next.endDate} and is now in review.`
    : `Renewal started: draft ${current.ref} covers ${next.startDate} to ${next.endDate}.${problem || ' Review it and submit it for approval.'}`;
  return { original: contract, draft: current, submitted, message };
}
