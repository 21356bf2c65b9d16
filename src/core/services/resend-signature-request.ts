import type { Contract } from '../domain/contract.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { SignatureRequest } from '../ports/signature-requests.js';
import type { ContractStoreDeps } from './contract-store-deps.js';
import { providerLabel, type SignatureDeps } from './signature-deps.js';

/** The contract and its open envelope, for its owner or requester; a clear refusal otherwise. */
export async function openEnvelopeFor(
  deps: ContractStoreDeps,
  contractId: string,
  actor: UserRef,
  doing: string,
): Promise<{ contract: Contract; signatures: SignatureDeps; request: SignatureRequest }> {
  const signatures = deps.signatures;
  if (!signatures) throw new AppError(AppErrorCode.InvalidInput, 'No e-signature provider is configured (ESIGN_PROVIDER): nothing was sent through one.');
  const contract = await deps.contracts.findById(contractId);
  if (!contract) throw new AppError(AppErrorCode.NotFound, 'That contract does not exist.');
  if (!isSameUser(actor, contract.owner) && !isSameUser(actor, contract.requester)) {
    throw new AppError(AppErrorCode.Forbidden, `Only the owner or requester of ${contract.ref} can ${doing}. Nothing was changed.`);
  }
  const request = await signatures.requests.latestFor(contract.id);
  if (request?.status !== 'sent' || contract.status !== 'sent_for_signature') {
    throw new AppError(
      AppErrorCode.IllegalTransition,
      `${contract.ref} has no signature request waiting for signers${request ? ` (the last one is ${request.status})` : ''}. Nothing was changed.`,
    );
  }
  return { contract, signatures, request };
}

/** Sends the signing e-mail again to the signers who have not signed yet, and audits it. */
export async function resendSignatureRequest(
  deps: ContractStoreDeps,
  input: { contractId: string; actor: UserRef },
): Promise<{ contract: Contract; resentTo: string[] }> {
  const { contract, signatures, request } = await openEnvelopeFor(deps, input.contractId, input.actor, 'resend the signature request');
  const pending = request.signers.filter((s) => s.status === 'pending');
  if (pending.length === 0)
    throw new AppError(AppErrorCode.IllegalTransition, `Everyone has signed ${contract.ref}; the provider is finishing it. Nothing was sent.`);
  try {
    await signatures.provider.resend(
      request.envelopeId,
      pending.map((s) => s.recipientId).filter((id): id is string => Boolean(id)),
    );
  } catch (error) {
    throw new AppError(
      AppErrorCode.Unavailable,
      `${providerLabel(request.provider)} did not resend ${contract.ref} (${(error as Error).message}). Try again in a moment.`,
    );
  }
  const at = deps.clock.now();
  await signatures.requests.markResent(request.id, at);
  await deps.audit.append(contract, {
    actor: input.actor,
    action: 'signature_resent',
    details: { provider: request.provider, envelopeId: request.envelopeId, to: pending.map((s) => s.email) },
  });
  return { contract, resentTo: pending.map((s) => s.email) };
}
