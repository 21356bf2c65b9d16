/**
 * Records kept for a while and then deleted by the daily `housekeeping.prune` job: they would
 * otherwise grow without bound (FerretDB has no TTL indexes, so nothing expires by itself).
 */
export interface PrunableRecords {
  /** What they are, for the job's log line (e.g. `webhook delivery log`). */
  name: string;
  /** Kept this many days; 0 = kept forever. */
  retentionDays: number;
  /** Deletes the records older than `before`; how many were deleted. */
  prune(before: Date): Promise<number>;
}
