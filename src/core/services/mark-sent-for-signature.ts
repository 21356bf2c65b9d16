import type { Contract } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import type { ContractStoreDeps } from './contract-store-deps.js';
import { requireOwner } from './require-owner.js';
import { sendForSignature } from './send-for-signature.js';
import { transitionContract } from './transition-contract.js';

export interface MarkSentForSignatureInput {
  contractId: string;
  actor: UserRef;
}

/**
 * The owner sends the approved contract for signature: through the e-signature provider when one
 * is configured (ESIGN_PROVIDER; see sendForSignature), else it only records that it went out.
 */
export async function markSentForSignature(deps: ContractStoreDeps, input: MarkSentForSignatureInput): Promise<Contract> {
  await requireOwner(deps, input.contractId, input.actor, 'send it for signature');
  if (deps.signatures) return sendForSignature(deps, deps.signatures, input);
  return transitionContract(deps, { contractId: input.contractId, action: 'send_for_signature', actor: input.actor });
}
