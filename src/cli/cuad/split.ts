/**
 * A fixed split of a CUAD folder into a tuning half and a check half by a hash of the contract id
 * (FNV-1a), so learned terms and thresholds can be checked on contracts they were not learned from.
 */
export type Half = 'tune' | 'check';

function halfOf(contractId: string): Half {
  let h = 0x811c9dc5;
  for (let i = 0; i < contractId.length; i++) {
    h ^= contractId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 2 === 0 ? 'tune' : 'check';
}

/** `--half tune|check|all` */
export function parseHalf(value: string | undefined): Half | 'all' {
  if (value === undefined || value === 'all') return 'all';
  if (value === 'tune' || value === 'check') return value;
  throw new Error(`--half must be tune, check or all (got ${value})`);
}

export function inHalf(contractId: string, half: Half | 'all'): boolean {
  return half === 'all' || halfOf(contractId) === half;
}
