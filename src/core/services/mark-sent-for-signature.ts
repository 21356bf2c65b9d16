import type { Contract } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import type { ContractStoreDeps } from './contract-store-deps.js';
import { requireOwner } from './require-owner.js';
import { transitionContract } from './transition-contract.js';

export interface MarkSentForSignatureInput {
  contractId: string;
  actor: UserRef;
}

/** The owner records that the approved contract went out for signature. */
export async function markSentForSignature(deps: ContractStoreDeps, input: MarkSentForSignatureInput): Promise<Contract> {
  await requireOwner(deps, input.contractId, input.actor, 'send it for signature');
  return transitionContract(deps, { contractId: input.contractId, action: 'send_for_signature', actor: input.actor });
}
