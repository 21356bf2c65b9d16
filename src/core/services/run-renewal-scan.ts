import { calendarDateIn } from '../domain/calendar-date.js';
import type { Contract } from '../domain/contract.js';
import { renewalStep, scanHorizon, type RenewalStep } from '../domain/renewal-schedule.js';
import type { RenewalDeps } from './renewal-deps.js';
import { resendStaleOutbox } from './resend-stale-outbox.js';
import { nudgeId, sendRenewalNudge, snoozeFollowUpId, type DueNudge } from './send-renewal-nudge.js';
import { settleTermEnd } from './settle-term-end.js';

export interface RenewalScanReport {
  today: string;
  scanned: number;
  nudgesSent: number;
  /** Nudges claimed but not (fully) sent this time; a later scan finishes them. */
  nudgesUnsent: number;
  alreadyHandled: number;
  snoozed: number;
  decided: number;
  rolledOver: number;
  expired: number;
  renewed: number;
  resent: number;
  failures: Array<{ contractId: string; error: string }>;
}

const key = (contractId: string, termEnd: string) => `${contractId}:${termEnd}`;

/**
 * The daily renewal scan (also run at start-up). Reads active contracts ending within the horizon
 * in batches, and for each decides today's step (see renewal-schedule): the most recent due nudge,
 * roll-over, or expiry. Safe to run in several processes at once and as often as you like: every
 * nudge is claimed by a unique insert before it is sent, every contract change is conditional.
 */
export async function runRenewalScan(deps: RenewalDeps, options: { batchSize?: number } = {}): Promise<RenewalScanReport> {
  const today = calendarDateIn(deps.clock.now(), 'UTC');
  const offsets = deps.settings.offsets;
  const report: RenewalScanReport = {
    today,
    scanned: 0,
    nudgesSent: 0,
    nudgesUnsent: 0,
    alreadyHandled: 0,
    snoozed: 0,
    decided: 0,
    rolledOver: 0,
    expired: 0,
    renewed: 0,
    resent: 0,
    failures: [],
  };
  // First finish nudges a crashed worker claimed but never sent.
  report.resent = (await resendStaleOutbox(deps, deps.nudges, deps.settings)).resent;

  const horizon = scanHorizon(today, offsets, await deps.renewals.maxNoticePeriodDays());
  for await (const batch of deps.renewals.activeEndingBy(horizon, options.batchSize ?? 500)) {
    report.scanned += batch.length;
    const work = batch
      .map((contract) => ({ contract, step: renewalStep(contract, today, offsets) }))
      .filter((w): w is { contract: Contract; step: Exclude<RenewalStep, { kind: 'none' }> } => w.step.kind !== 'none');
    if (work.length === 0) continue;
    const nudges = work.filter((w) => w.step.kind === 'nudge');
    // Batch look-ups, so a scan costs a few queries per page rather than per contract.
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
    for (const { contract, step } of work) {
      try {
        const decision = decisionOf.get(key(contract.id, step.termEnd));
        if (step.kind !== 'nudge') {
          const outcome = await settleTermEnd(deps, contract, step, decision);
          if (outcome === 'rolled_over') report.rolledOver++;
          else if (outcome === 'expired') report.expired++;
          else if (outcome === 'renewed') report.renewed++;
          continue;
        }
        const until = lastSnooze.get(key(contract.id, step.termEnd));
        const followUp = until ? snoozeFollowUpId(contract.id, step.termEnd, until) : undefined;
        let due: DueNudge | undefined;
        if (decision) report.decided++;
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
          if (outcome === 'sent') report.nudgesSent++;
          else if (outcome === 'unsent') report.nudgesUnsent++;
          else report.alreadyHandled++;
        }
      } catch (error) {
        if (report.failures.length < 50) report.failures.push({ contractId: contract.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return report;
}
