import type { Contract } from '../domain/contract.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { ContractStoreDeps } from './contract-store-deps.js';

/** The contract, if `actor` owns it; otherwise a Forbidden that names the owner. */
export async function requireOwner(deps: Pick<ContractStoreDeps, 'contracts'>, contractId: string, actor: UserRef, doing: string): Promise<Contract> {
  const contract = await deps.contracts.findById(contractId);
  if (!contract) throw new AppError(AppErrorCode.NotFound, 'That contract does not exist.');
  if (!isSameUser(actor, contract.owner)) {
    const owner = contract.owner.displayName ?? contract.owner.email ?? 'its owner';
    throw new AppError(AppErrorCode.Forbidden, `Only the owner of ${contract.ref} (${owner}) can ${doing}. Nothing was changed.`);
  }
  return contract;
}
