import { isAdmin } from '../ask/contract-visibility.js';
import { applyCorrections, ZTermCorrections, type TermCorrectionsInput } from '../ask/term-corrections.js';
import type { TermDeps } from '../ask/term-deps.js';
import { ZContractTerms, type Contract, type ContractTermsInput } from '../domain/contract.js';
import type { TermConfirmation, TermProposal } from '../domain/term-proposal.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode, isAppError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import { createContract } from './create-contract.js';

export interface ConfirmProposedTermsInput {
  proposalId: string;
  user: UserRef;
  corrections?: TermCorrectionsInput;
}

export interface ConfirmedTerms {
  contract: Contract;
  /** False when this proposal had been confirmed before (a double click, a retry). */
  confirmedNow: boolean;
}

const uploadExternalId = (proposalId: string) => `upload:${proposalId}`;
const SOURCE_KEY = 'sourceProposal';

function finalTerms(proposal: TermProposal, corrections: TermCorrectionsInput | undefined): ContractTermsInput {
  const fixes = corrections ? parseOrThrow(ZTermCorrections, corrections, 'corrections') : {};
  const terms = applyCorrections(proposal.terms, fixes);
  if (!terms.counterparty) {
    throw new AppError(AppErrorCode.InvalidInput, 'The counterparty was not found in the file: use Edit to enter it, then confirm.', {
      fields: { counterparty: 'is required' },
    });
  }
  return parseOrThrow(
    ZContractTerms,
    { ...terms, keyTerms: { ...(terms as { keyTerms?: Record<string, string> }).keyTerms, sourceFile: proposal.fileName, [SOURCE_KEY]: proposal.id } },
    'contract terms',
  );
}

async function createFromUpload(deps: TermDeps, proposal: TermProposal, confirmation: TermConfirmation): Promise<Contract> {
  const externalId = uploadExternalId(proposal.id);
  const existing = await deps.store.contracts.findByExternalId(externalId);
  if (existing) return existing;
  try {
    return await createContract(deps.store, {
      terms: confirmation.terms,
      owner: confirmation.by,
      requester: proposal.proposedBy,
      actor: confirmation.by,
      status: 'active',
      externalId,
      auditAction: 'imported_from_file',
      auditDetails: { fileName: proposal.fileName, proposalId: proposal.id },
    });
  } catch (error) {
    // Someone rolling the same confirmation forward created it first (the external id is unique).
    const created = isAppError(error) && error.code === AppErrorCode.Conflict ? await deps.store.contracts.findByExternalId(externalId) : null;
    if (created) return created;
    throw error;
  }
}

async function updateFromUpload(deps: TermDeps, proposal: TermProposal, confirmation: TermConfirmation, contractId: string): Promise<Contract> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.store.contracts.findById(contractId);
    if (!current) throw new AppError(AppErrorCode.NotFound, 'The contract this upload was for no longer exists.');
    if (current.keyTerms[SOURCE_KEY] === proposal.id) return current;
    const { keyTerms, ...rest } = ZContractTerms.parse(confirmation.terms);
    const updated = await deps.store.contracts.update(
      current.id,
      current.revision,
      { set: { ...rest, keyTerms: { ...current.keyTerms, ...keyTerms } } },
      { actor: confirmation.by, action: 'terms_updated_from_file', details: { fileName: proposal.fileName, proposalId: proposal.id } },
    );
    if (updated) return updated;
  }
  throw new AppError(AppErrorCode.Conflict, 'The contract kept changing while the terms were saved; try again.');
}

/** Applies a confirmation (again): every step is idempotent, so a writer that died is completed by the next. */
async function rollForward(deps: TermDeps, proposal: TermProposal, confirmation: TermConfirmation): Promise<Contract> {
  const contract = proposal.targetContractId
    ? await updateFromUpload(deps, proposal, confirmation, proposal.targetContractId)
    : await createFromUpload(deps, proposal, confirmation);
  await deps.documents.put({
    contractId: contract.id,
    fileName: proposal.fileName,
    mime: proposal.mime,
    text: proposal.text,
    sections: proposal.sections,
    createdAt: confirmation.at,
  });
  return contract;
}

/**
 * Saves the proposed terms (with the user's corrections) as an active contract with its text,
 * exactly once: the confirmation is an insert claim on the proposal id, and a second click or a
 * concurrent confirm gets the same contract back.
 */
export async function confirmProposedTerms(deps: TermDeps, input: ConfirmProposedTermsInput): Promise<ConfirmedTerms> {
  const proposal = await deps.proposals.find(input.proposalId);
  if (!proposal) throw new AppError(AppErrorCode.NotFound, 'These proposed terms are no longer available; upload the file again.');
  if (!isSameUser(proposal.proposedBy, input.user) && !isAdmin(deps.admins, input.user)) {
    throw new AppError(AppErrorCode.Forbidden, 'Only the person who uploaded the file can confirm its terms.');
  }
  const earlier = await deps.proposals.findConfirmation(proposal.id);
  if (earlier) return { contract: await rollForward(deps, proposal, earlier), confirmedNow: false };

  const confirmation: TermConfirmation = { proposalId: proposal.id, by: input.user, at: deps.clock.now(), terms: finalTerms(proposal, input.corrections) };
  if (!(await deps.proposals.claimConfirmation(confirmation))) {
    const winner = await deps.proposals.findConfirmation(proposal.id);
    return { contract: await rollForward(deps, proposal, winner ?? confirmation), confirmedNow: false };
  }
  return { contract: await rollForward(deps, proposal, confirmation), confirmedNow: true };
}
