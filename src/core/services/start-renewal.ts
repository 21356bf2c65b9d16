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

/** A decision whose draft is still missing this long after it was claimed was left by a crash. */
export const RENEWAL_REPAIR_AFTER_MS = 2 * 60_000;

/** One renewal draft per term: its external id is claimed by the insert (unique). */
export const renewalDraftExternalId = (contractId: string, termEnd: CalendarDate) => `renewal:${contractId}:${termEnd}`;

/**
 * Decides to renew a term: claims the term's decision (so two clicks make one draft), creates the
 * renewal draft for the next term (`renewalOf` the original, same terms) and submits it through
 * the approval flow when that is wired. Recorded on both contracts' audit trails.
 *
 * A crash after the claim leaves a `renew` decision without its draft (or with an unsubmitted
 * one). Clicking Start renewal again after RENEWAL_REPAIR_AFTER_MS finishes it: the draft is
 * created once (its external id is unique), linked, and submitted if it is still a draft.
 */
export async function startRenewal(deps: RenewalDeps, input: { contractId: string; termEnd?: CalendarDate; actor: UserRef }): Promise<StartRenewalResult> {
  const { contract, termEnd } = await currentRenewalTerm(deps, input.contractId, input.termEnd);
  const now = deps.clock.now();
  if (!(await deps.renewals.claimDecision({ contractId: contract.id, termEnd, decision: 'renew', by: input.actor, at: now }))) {
    const decision = await deps.renewals.findDecision(contract.id, termEnd);
    const unfinished =
      decision?.decision === 'renew' &&
      now.getTime() - decision.at.getTime() >= RENEWAL_REPAIR_AFTER_MS &&
      (await needsRepair(deps, decision.renewalContractId));
    if (!unfinished) throw alreadyDecidedError(contract.ref, decision);
  }
  const next = renewalTermDates(contract)!;
  const { draft, created } = await ensureDraft(deps, contract, termEnd, next, input.actor);
  await deps.renewals.setRenewalContract(contract.id, termEnd, draft.id);
  if (created) {
    await deps.audit.append(contract, {
      actor: input.actor,
      action: 'renewal_started',
      details: { termEnd, renewalContractId: draft.id, renewalRef: draft.ref },
    });
  }
  let current = draft;
  let submitted = false;
  let problem = '';
  if (deps.submitForApproval && draft.status === 'draft' && draft.versions.length > 0) {
    try {
      current = await deps.submitForApproval(draft, input.actor);
      submitted = true;
    } catch (error) {
      // The draft and the decision stand; the reason (e.g. no policy rule covers it) is shown.
      if (!isAppError(error)) throw error;
      problem = ` It could not be submitted for approval: ${error.message}`;
    }
  }
  const inReview = submitted || current.status === 'in_review';
  const message = inReview
    ? `Renewal started: ${current.ref} covers ${next.startDate} to ${next.endDate} and is now in review.`
    : `Renewal started: draft ${current.ref} covers ${next.startDate} to ${next.endDate}.${problem || ' Review it and submit it for approval.'}`;
  return { original: contract, draft: current, submitted, message };
}

/**
 * Whether a `renew` decision was left unfinished: never linked to its draft (which may or may not
 * exist; ensureDraft finds it), or linked to a draft that is still waiting to be submitted.
 */
async function needsRepair(deps: RenewalDeps, linkedId: string | undefined): Promise<boolean> {
  if (!linkedId) return true;
  const draft = await deps.contracts.findById(linkedId);
  return !draft || (Boolean(deps.submitForApproval) && draft.status === 'draft' && draft.versions.length > 0);
}

/** The term's renewal draft: created now, or the one an earlier (crashed) attempt created. */
async function ensureDraft(
  deps: RenewalDeps,
  contract: Contract,
  termEnd: CalendarDate,
  next: NonNullable<ReturnType<typeof renewalTermDates>>,
  actor: UserRef,
): Promise<{ draft: Contract; created: boolean }> {
  const externalId = renewalDraftExternalId(contract.id, termEnd);
  const existing = await deps.contracts.findByExternalId(externalId);
  if (existing) return { draft: existing, created: false };
  const text = latestVersion(contract);
  try {
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
      requester: actor,
      actor,
      renewalOf: contract.id,
      externalId,
      ...(text ? { text: { body: text.text, ...(text.templateId ? { templateId: text.templateId } : {}), note: `Renewal of ${contract.ref}` } } : {}),
      auditAction: 'created_as_renewal',
      auditDetails: { renewalOf: contract.ref, termEnd },
    });
    return { draft, created: true };
  } catch (error) {
    // Another attempt created it between our look-up and our insert.
    const raced = await deps.contracts.findByExternalId(externalId);
    if (raced) return { draft: raced, created: false };
    throw error;
  }
}
