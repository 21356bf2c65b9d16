import { ZContractRef, type Contract } from '../domain/contract.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { ContractStoreDeps } from './contract-store-deps.js';

/** A contract by its reference (`C-2026-0042`, any case), or a NotFound that says which. */
export async function findContract(deps: Pick<ContractStoreDeps, 'contracts'>, ref: string): Promise<Contract> {
  const parsed = ZContractRef.safeParse(ref);
  if (!parsed.success) {
    throw new AppError(AppErrorCode.InvalidInput, `"${ref}" is not a contract reference: it should look like C-2026-0042.`);
  }
  const contract = await deps.contracts.findByRef(parsed.data);
  if (!contract) throw new AppError(AppErrorCode.NotFound, `There is no contract ${parsed.data}.`);
  return contract;
}
