import { ZContractTerms, type Contract, type ContractTermsInput } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import { renderTemplate } from '../templates/render-template.js';
import { templateVariablesFromTerms } from '../templates/variables-from-terms.js';
import { parseOrThrow } from '../validation.js';
import { createContract } from './create-contract.js';
import type { ContractStoreDeps } from './contract-store-deps.js';

export interface DraftContractInput {
  terms: ContractTermsInput;
  /** A template id (`nda-v1`) or contract type (`nda`); defaults to the terms' type. */
  templateId?: string;
  owner: UserRef;
  requester: UserRef;
  /** Extra terms for the contract text ("Additional Terms"); not internal remarks. */
  specialTerms?: string;
  notes?: string;
  /** Variables a template needs beyond the common terms (e.g. an NDA's purpose). */
  extraVariables?: Record<string, unknown>;
  /** Who is recorded as creating it; defaults to the requester (an integration names itself). */
  actor?: UserRef;
  /** The id of the record in another system this draft comes from (unique: one contract each). */
  externalId?: string;
}

/**
 * Renders the contract text from its template and stores a draft with it as version 1. The
 * terms are validated and the template rendered before anything is written, so a missing or
 * invalid variable stores nothing and names the variable.
 */
export async function draftContractFromTemplate(deps: ContractStoreDeps & { companyName: string }, input: DraftContractInput): Promise<Contract> {
  const terms = parseOrThrow(ZContractTerms, input.terms, 'contract terms');
  const variables = {
    ...templateVariablesFromTerms(terms, {
      companyName: deps.companyName,
      ownerName: input.owner.displayName ?? input.owner.email ?? input.owner.id,
      notes: input.specialTerms,
    }),
    ...(input.extraVariables ?? {}),
  };
  const rendered = renderTemplate(input.templateId ?? terms.type, variables);
  return createContract(deps, {
    terms: { ...terms, type: rendered.type },
    owner: input.owner,
    requester: input.requester,
    actor: input.actor ?? input.requester,
    ...(input.externalId ? { externalId: input.externalId } : {}),
    text: { body: rendered.text, templateId: rendered.templateId, note: 'drafted from template' },
    notes: input.notes,
    auditDetails: { templateId: rendered.templateId },
  });
}
