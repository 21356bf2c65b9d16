import type { ContractStoreDeps } from './contract-store-deps.js';

/** The next human reference, `C-2026-0042`: a per-year atomic counter, so refs never repeat. */
export async function allocateContractRef(deps: Pick<ContractStoreDeps, 'sequences' | 'clock'>): Promise<string> {
  const year = deps.clock.now().getUTCFullYear();
  const n = await deps.sequences.next(`contract-ref-${year}`);
  return `C-${year}-${String(n).padStart(4, '0')}`;
}
