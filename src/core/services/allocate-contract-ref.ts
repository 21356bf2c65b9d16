import type { ContractStoreDeps } from './contract-store-deps.js';

/** The next human reference, `C-2026-0042`: a per-year atomic counter, so refs never repeat. */
export async function allocateContractRef(deps: Pick<ContractStoreDeps, 'sequences' | 'clock'>): Promise<string> {
  const year = deps.clock.now().getUTCFullYear();
  const n = await deps.sequences.next(`contract-ref-${year}`);
  return `C-${year}-${String(n).padStart(4, '0')}`;
}

/** `count` references at once (bulk imports), ascending. */
export async function allocateContractRefs(deps: Pick<ContractStoreDeps, 'sequences' | 'clock'>, count: number): Promise<string[]> {
  const year = deps.clock.now().getUTCFullYear();
  const values = await deps.sequences.nextMany(`contract-ref-${year}`, count);
  return values.map((n) => `C-${year}-${String(n).padStart(4, '0')}`);
}
