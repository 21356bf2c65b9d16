import type { Clock } from '../ports/clock.js';
import type { PrunableRecords } from '../ports/prunable-records.js';

const DAY_MS = 86_400_000;

export interface PruneReport {
  /** Records deleted, by name. */
  deleted: Record<string, number>;
  /** Record sets that could not be pruned this time (tried again on the next run), with the reason. */
  failed: Record<string, string>;
}

/** Deletes what each record set no longer needs to keep; one failing set does not stop the others. */
export async function pruneOldRecords(records: readonly PrunableRecords[], clock: Clock): Promise<PruneReport> {
  const report: PruneReport = { deleted: {}, failed: {} };
  const now = clock.now().getTime();
  for (const set of records) {
    if (set.retentionDays <= 0) continue;
    try {
      report.deleted[set.name] = await set.prune(new Date(now - set.retentionDays * DAY_MS));
    } catch (error) {
      report.failed[set.name] = error instanceof Error ? error.message : String(error);
    }
  }
  return report;
}
