import { calendarDateIn } from '../domain/calendar-date.js';
import type { RenewalCandidate } from '../ports/renewal-repository.js';
import { renewalStep, scanWindow, type RenewalStep } from '../domain/renewal-schedule.js';
import type { RenewalDeps } from './renewal-deps.js';
import { sweepOutbox } from './sweep-outbox.js';
import { nudgeId, sendRenewalNudge, snoozeFollowUpId, type DueNudge } from './send-renewal-nudge.js';
import { settleTermEnd } from './settle-term-end.js';

export interface RenewalScanReport {
  today: string;
  scanned: number;
  nudgesSent: number;
  /** Nudges claimed but not (fully) delivered yet: queued for a retry or waiting (see below); the delivery sweeper finishes them. */
  nudgesUnsent: number;
  /** Of those, waiting for a platform that is not configured, by platform. */
  nudgesWaiting: Record<string, number>;
  /** Nudges reported failed (nothing could be delivered). */
  nudgesFailed: number;
  /** Deliveries that can never be made as addressed (user gone, channel archived…), with why. */
  undeliverable: Array<{ contractId: string; reason: string }>;
  /** Nudges sent after their deadline passed (their day was missed). */
  lateNudges: number;
  alreadyHandled: number;
  snoozed: number;
  decided: number;
  rolledOver: number;
  expired: number;
  renewed: number;
  resent: number;
  failures: Array<{ contractId: string; error: string }>;
  /** The scan stopped early (shutdown); a later run finishes the day. */
  stopped?: boolean;
}

const key = (contractId: string, termEnd: string) => `${contractId}:${termEnd}`;

/**
 * The daily renewal scan (also run at start-up). Reads the active contracts whose term ended or
 * whose notice deadline is in the window a step can come from (see scanWindow) in batches, and
 * for each decides today's step (see renewal-schedule): the most recent due nudge, roll-over, or
 * expiry. Safe to run in several processes at once and as often as you like: every
 * nudge is claimed by a unique insert before it is sent, every contract change is conditional.
 */
export async function runRenewalScan(deps: RenewalDeps, options: { batchSize?: number; signal?: AbortSignal } = {}): Promise<RenewalScanReport> {
  const today = calendarDateIn(deps.clock.now(), 'UTC');
  const offsets = deps.settings.offsets;
  const report: RenewalScanReport = {
    today,
    scanned: 0,
    nudgesSent: 0,
    nudgesUnsent: 0,
    nudgesWaiting: {},
    nudgesFailed: 0,
    undeliverable: [],
    lateNudges: 0,
    alreadyHandled: 0,
    snoozed: 0,
    decided: 0,
    rolledOver: 0,
    expired: 0,
    renewed: 0,
    resent: 0,
    failures: [],
  };
  // First finish nudges that are due for a retry or whose sender died (the sweeper does this every minute too).
  const swept = await sweepOutbox(deps, deps.nudges, options.signal ? { signal: options.signal } : {});
  report.resent = swept.sent;
  report.nudgesFailed += swept.failed;
  for (const u of swept.undeliverable) report.undeliverable.push({ contractId: u.subjectId, reason: u.reason });

  const window = scanWindow(today, offsets);
  const batchSize = options.batchSize ?? 500;
  // Phase 1: one cursor pass, keeping only the contracts with something to do today (a small
  // fraction), so memory follows the day's work, not the portfolio.
  const due: Work[] = [];
  for await (const batch of deps.renewals.candidatesDue(window, batchSize)) {
    report.scanned += batch.length;
    const stepped = batch.flatMap((contract): Work[] => {
      const step = renewalStep(contract, today, offsets);
      return step.kind === 'none' ? [] : [{ contract, step }];
    });
    // Most nudge steps were handled on an earlier day (the 90-day nudge stays "due" until the
    // 60-day one): drop those whose claim exists, unless a snooze may still owe a follow-up.
    const ladderIds = stepped.map((w) => (w.step.kind === 'nudge' ? nudgeId(w.contract.id, w.step.termEnd, w.step.offset) : ''));
    const [claimed, snoozes] = await Promise.all([
      deps.nudges.existing(ladderIds),
      deps.renewals.snoozesOf(stepped.filter((w) => w.step.kind === 'nudge').map((w) => w.contract.id)),
    ]);
    const snoozed = new Set(snoozes.map((z) => z.contractId));
    stepped.forEach((w, i) => {
      if (w.step.kind === 'nudge' && claimed.has(ladderIds[i]!) && !snoozed.has(w.contract.id)) report.alreadyHandled++;
      else due.push(w);
    });
  }
  // Phase 2: the due contracts in batches, with batch look-ups of decisions, snoozes and claims.
  // Every action is claimed or conditional, so data read minutes ago cannot cause a double send.
  for (let from = 0; from < due.length; from += batchSize) {
    if (options.signal?.aborted) {
      report.stopped = true;
      break;
    }
    await processBatch(deps, today, due.slice(from, from + batchSize), report, options.signal);
  }
  return report;
}

type Work = { contract: RenewalCandidate; step: Exclude<RenewalStep, { kind: 'none' }> };

async function processBatch(deps: RenewalDeps, today: string, work: Work[], report: RenewalScanReport, signal?: AbortSignal): Promise<void> {
  if (work.length === 0) return;
  const nudges = work.filter((w) => w.step.kind === 'nudge');
  const [decisions, snoozes] = await Promise.all([
    deps.renewals.findDecisions(work.map((w) => ({ contractId: w.contract.id, termEnd: w.step.termEnd }))),
    deps.renewals.snoozesOf(nudges.map((w) => w.contract.id)),
  ]);
  const decisionOf = new Map(decisions.map((d) => [key(d.contractId, d.termEnd), d]));
  const lastSnooze = new Map<string, string>();
  for (const s of snoozes) {
    const k = key(s.contractId, s.termEnd);
    if ((lastSnooze.get(k) ?? '') < s.until) lastSnooze.set(k, s.until);
  }
  const ids = nudges.flatMap((w) => {
    const until = lastSnooze.get(key(w.contract.id, w.step.termEnd));
    const ladder = w.step.kind === 'nudge' ? nudgeId(w.contract.id, w.step.termEnd, w.step.offset) : '';
    return until ? [ladder, snoozeFollowUpId(w.contract.id, w.step.termEnd, until)] : [ladder];
  });
  const existing = await deps.nudges.existing(ids);
  // Term ends change contracts: one at a time (they are few, and a contract write can hold the
  // store for a while: FerretDB's SQLite answers concurrent writers "database is locked"). Nudges
  // a few at a time: each waits on its own writes and chat calls, and every one is claimed, so
  // running them side by side cannot send anything twice.
  const settling = work.filter((w) => w.step.kind !== 'nudge');
  await forEachConcurrently(settling, 1, (w) => act(w));
  await forEachConcurrently(nudges, deps.settings.concurrency ?? 4, (w) => act(w));

  async function act({ contract, step }: Work): Promise<void> {
    // Shutting down: claim nothing new (what is claimed already finishes or is retried later).
    if (signal?.aborted) {
      report.stopped = true;
      return;
    }
    try {
      const decision = decisionOf.get(key(contract.id, step.termEnd));
      if (step.kind !== 'nudge') {
        const outcome = await settleTermEnd(deps, contract, step, decision);
        if (outcome === 'rolled_over') report.rolledOver++;
        else if (outcome === 'expired') report.expired++;
        else if (outcome === 'renewed') report.renewed++;
        return;
      }
      const until = lastSnooze.get(key(contract.id, step.termEnd));
      const followUp = until ? snoozeFollowUpId(contract.id, step.termEnd, until) : undefined;
      let due: DueNudge | undefined;
      if (decision?.decision === 'lapse' && contract.autoRenews && !existing.has(nudgeId(contract.id, step.termEnd, step.offset))) {
        // Lapsing an auto-renewing contract takes a notice: the ladder reminds to send it.
        due = { ...step, noticeOnly: true };
      } else if (decision) report.decided++;
      else if (until && until > today) report.snoozed++;
      else if (!existing.has(nudgeId(contract.id, step.termEnd, step.offset))) {
        // A ladder nudge that came due (possibly during a snooze) also serves as the follow-up.
        due = { ...step, ...(followUp && !existing.has(followUp) ? { alsoSkip: [followUp] } : {}) };
      } else if (followUp && !existing.has(followUp)) {
        // The snooze ended and this term's nudge was already sent: remind once more.
        due = { ...step, skipped: [], id: followUp };
      } else report.alreadyHandled++;
      if (due) {
        const outcome = await sendRenewalNudge(deps, contract, due);
        if (outcome === 'taken') {
          report.alreadyHandled++;
          return;
        }
        if (step.daysLeft < 0) report.lateNudges++;
        for (const u of outcome.undeliverable) if (report.undeliverable.length < 50) report.undeliverable.push({ contractId: contract.id, reason: u.reason });
        if (outcome.status === 'sent') report.nudgesSent++;
        else if (outcome.status === 'failed') report.nudgesFailed++;
        else {
          report.nudgesUnsent++;
          if (outcome.waitingFor) report.nudgesWaiting[outcome.waitingFor] = (report.nudgesWaiting[outcome.waitingFor] ?? 0) + 1;
        }
      }
    } catch (error) {
      if (report.failures.length < 50) report.failures.push({ contractId: contract.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
}

async function forEachConcurrently<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
