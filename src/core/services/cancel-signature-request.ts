import type { Contract } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { ContractStoreDeps } from './contract-store-deps.js';
import { openEnvelopeFor } from './resend-signature-request.js';
import { providerLabel } from './signature-deps.js';
import { transitionContract } from './transition-contract.js';

/**
 * Voids the open envelope at the provider and takes the contract back to approved (to be fixed and
 * sent again). The provider's own "cancelled" callback that follows is then a no-op.
 */
export async function cancelSignatureRequest(deps: ContractStoreDeps, input: { contractId: string; actor: UserRef; reason: string }): Promise<Contract> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError(AppErrorCode.InvalidInput, 'Say why the signature request is cancelled.', { fields: { reason: 'is required' } });
  const { contract, signatures, request } = await openEnvelopeFor(deps, input.contractId, input.actor, 'cancel the signature request');
  try {
    await signatures.provider.cancel(request.envelopeId, reason);
  } catch (error) {
    throw new AppError(
      AppErrorCode.Unavailable,
      `${providerLabel(request.provider)} did not cancel ${contract.ref} (${(error as Error).message}). Nothing was changed; try again in a moment.`,
    );
  }
  await signatures.requests.finish(request.id, 'cancelled', deps.clock.now(), reason);
  return transitionContract(deps, {
    contractId: contract.id,
    action: 'recall_signature',
    actor: input.actor,
    expectedStatus: 'sent_for_signature',
    details: { provider: request.provider, envelopeId: request.envelopeId, reason, cancelled: true },
  });
}
