import { ZContractTerms, type Contract } from '../domain/contract.js';
import type { AppError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import { allocateContractRefs } from './allocate-contract-ref.js';
import { newContractRecord, type CreateContractInput } from './create-contract.js';
import type { ContractStoreDeps } from './contract-store-deps.js';

/**
 * createContract for many contracts at once (bulk imports): references are allocated as a block
 * and the contracts stored in a few writes. Each input gets its contract, or the AppError that
 * refused it (an external id that exists already); terms are validated first, all or nothing.
 */
export async function createContracts(deps: ContractStoreDeps, inputs: readonly CreateContractInput[]): Promise<Array<Contract | AppError>> {
  if (inputs.length === 0) return [];
  const terms = inputs.map((input) => parseOrThrow(ZContractTerms, input.terms, 'contract terms'));
  const refs = await allocateContractRefs(deps, inputs.length);
  const now = deps.clock.now();
  return deps.contracts.insertMany(inputs.map((input, i) => newContractRecord(input, terms[i]!, refs[i]!, now)));
}
