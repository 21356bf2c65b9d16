import type { Contract, ContractTermsInput } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import { draftReadyMessage } from '../views/contract-views.js';
import type { ApprovalDeps } from './approval-deps.js';
import { draftContractFromTemplate } from './draft-contract-from-template.js';
import { planApprovalStages } from './plan-approval-stages.js';
import { submitForApproval } from './submit-for-approval.js';
import { sendApprovalMessage } from './post-stage-cards.js';

export interface SystemContractRequest {
  terms: ContractTermsInput;
  requester: UserRef;
  /** The integration asking (an API key): the actor of every audited change. */
  actor: UserRef;
  /** The other system's record (a CRM deal): one contract per id. */
  externalId: string;
  extraVariables?: Record<string, unknown>;
  notes?: string;
  /** Submit for approval at once instead of leaving a draft for the requester. */
  submit: boolean;
}

export interface SystemContractRequestResult {
  contract: Contract;
  submitted: boolean;
  approvalRound?: number;
  /** Whether the requester was told in chat about the draft now (false: submitted, or queued for a retry by the delivery sweeper). */
  notified: boolean;
}

/**
 * A contract another system asks for (a CRM deal that closed): drafts it from its template with the
 * requester as owner, then either submits it for approval on the requester's behalf (refused
 * before anything is stored when the policy does not cover it) or sends the requester the draft
 * with a "Submit for approval" button. One contract per external id (Conflict otherwise).
 */
export async function requestContractFromSystem(
  deps: ApprovalDeps & { companyName: string },
  input: SystemContractRequest,
): Promise<SystemContractRequestResult> {
  const existing = await deps.contracts.findByExternalId(input.externalId);
  if (existing)
    throw new AppError(AppErrorCode.Conflict, `${existing.ref} was already requested for this record.`, { ref: existing.ref, reason: 'external_id_taken' });
  if (input.submit) {
    planApprovalStages(deps.policy, {
      type: String(input.terms.type).trim().toLowerCase(),
      ...(input.terms.value ? { value: input.terms.value } : {}),
      owner: input.requester,
      requester: input.requester,
    });
  }
  const draft = await draftContractFromTemplate(deps, {
    terms: input.terms,
    owner: input.requester,
    requester: input.requester,
    actor: input.actor,
    externalId: input.externalId,
    ...(input.notes ? { notes: input.notes } : {}),
    ...(input.extraVariables ? { extraVariables: input.extraVariables } : {}),
  });
  if (input.submit) {
    const { contract, round } = await submitForApproval(deps, { contractId: draft.id, actor: input.actor, onBehalfOf: input.requester });
    return { contract, submitted: true, approvalRound: round.round, notified: false };
  }
  // Through the outbox under a deterministic id, like every message Clause sends: a failed send is
  // retried by the delivery sweeper (or waits for a platform that is off) until its give-up time;
  // the draft is stored either way, and the requester also finds it in App Home / `show`.
  // A requester Clause knows only by e-mail (no chat identity yet) cannot be messaged.
  if (input.requester.platform !== 'slack' && input.requester.platform !== 'teams') return { contract: draft, submitted: false, notified: false };
  const sent = await sendApprovalMessage(deps, {
    id: `draft-ready:${draft.id}`,
    kind: 'draft_ready',
    subjectId: draft.id,
    deliveries: [{ target: { kind: 'user', user: input.requester }, message: draftReadyMessage(draft, input.actor.displayName ?? 'An integration') }],
    details: { contractRef: draft.ref },
  });
  return { contract: draft, submitted: false, notified: sent.length > 0 };
}
