/** What a claim on an incoming chat request found: the first, an exact replay, or a re-signed repeat. */
export type RequestClaim = { outcome: 'first' } | { outcome: 'replay' } | { outcome: 'repeat' };

/**
 * Claims on incoming chat requests (the Slack replay guard): one per accepted request id, with
 * the hash of its signature, kept `keepMs`.
 */
export interface RequestClaims {
  claim(id: string, sig: string, keepMs: number): Promise<RequestClaim>;
  /** Deletes expired claims; returns how many. */
  sweep(): Promise<number>;
}
