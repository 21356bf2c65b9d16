import { ZContractTerms, type ContractTermsInput } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import { renderTemplate } from '../templates/render-template.js';
import { templateVariablesFromTerms } from '../templates/variables-from-terms.js';
import { parseOrThrow } from '../validation.js';
import type { ApprovalDeps } from './approval-deps.js';
import { createContract } from './create-contract.js';
import { planApprovalStages } from './plan-approval-stages.js';
import { submitForApproval, type SubmittedContract } from './submit-for-approval.js';

export interface RequestContractInput {
  terms: ContractTermsInput;
  /** A template id (nda-v1) or type (nda); defaults to the terms' type. */
  templateId?: string;
  owner: UserRef;
  requester: UserRef;
  notes?: string;
}

/**
 * A rep's request from chat: drafts the text from the template, stores the contract with it as
 * version 1 and submits it for approval. Everything that can be refused (terms, template
 * variables, a policy that does not cover the contract) is checked before anything is stored.
 */
export async function requestContract(deps: ApprovalDeps & { companyName: string }, input: RequestContractInput): Promise<SubmittedContract> {
  const terms = parseOrThrow(ZContractTerms, input.terms, 'contract request');
  const ownerName = input.owner.displayName ?? input.owner.email ?? 'the contract owner';
  const rendered = renderTemplate(
    input.templateId ?? terms.type,
    templateVariablesFromTerms(terms, { companyName: deps.companyName, ownerName, ...(input.notes ? { notes: input.notes } : {}) }),
  );
  planApprovalStages(deps.policy, { type: terms.type, value: terms.value, owner: input.owner, requester: input.requester });
  const contract = await createContract(deps, {
    terms,
    owner: input.owner,
    requester: input.requester,
    actor: input.requester,
    text: { body: rendered.text, templateId: rendered.templateId },
    ...(input.notes ? { notes: input.notes } : {}),
    auditDetails: { templateId: rendered.templateId },
  });
  return submitForApproval(deps, { contractId: contract.id, actor: input.requester, contract });
}
