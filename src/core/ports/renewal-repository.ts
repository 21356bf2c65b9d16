import type { CalendarDate } from '../domain/calendar-date.js';
import type { Contract } from '../domain/contract.js';
import type { ScanWindow } from '../domain/renewal-schedule.js';
import type { UserRef } from '../domain/user-ref.js';

export type RenewalDecisionKind = 'renew' | 'lapse';

/** What was decided about one term of a contract; stored with the unique id `contractId:termEnd`. */
export interface RenewalDecision {
  contractId: string;
  termEnd: CalendarDate;
  decision: RenewalDecisionKind;
  by: UserRef;
  at: Date;
  /** The renewal draft, for `renew`. */
  renewalContractId?: string;
}

/** No nudges for a contract's term until `until` (exclusive). */
export interface RenewalSnooze {
  contractId: string;
  termEnd: CalendarDate;
  until: CalendarDate;
  by: UserRef;
  at: Date;
}

/**
 * A contract as the scan reads it: everything but the version texts (which can be long and
 * which no reminder shows), so the due ones can be kept in memory and acted on without a re-read.
 */
export type RenewalCandidate = Omit<Contract, 'versions'>;

export interface RenewalRepository {
  /**
   * Active contracts whose effective end date is on or before `endDateTo` (indexed), without
   * their texts, `batchSize` at a time from one cursor: a scan never holds the portfolio in memory.
   */
  candidatesEndingBy(endDateTo: CalendarDate, batchSize: number): AsyncIterable<RenewalCandidate[]>;
  /**
   * The daily scan's read (see scanWindow): active contracts whose term ended before
   * `endedBefore`, and those whose notice deadline lies in [`deadlineFrom`, `deadlineTo`], each
   * once, without their texts, `batchSize` at a time (index-backed on both databases).
   */
  candidatesDue(window: ScanWindow, batchSize: number): AsyncIterable<RenewalCandidate[]>;
  /**
   * At least the longest notice period among active contracts (0 when none has one). An upper
   * bound is enough (a period no active contract has any more only widens the read of upcoming renewals).
   */
  maxNoticePeriodDays(): Promise<number>;
  /** Inserts the decision; false when this term was already decided. */
  claimDecision(decision: RenewalDecision): Promise<boolean>;
  /** Links the renewal draft to a `renew` decision (written once, by the decision's owner). */
  setRenewalContract(contractId: string, termEnd: CalendarDate, renewalContractId: string): Promise<void>;
  findDecision(contractId: string, termEnd: CalendarDate): Promise<RenewalDecision | null>;
  findDecisions(keys: ReadonlyArray<{ contractId: string; termEnd: CalendarDate }>): Promise<RenewalDecision[]>;
  addSnooze(snooze: RenewalSnooze): Promise<void>;
  /** Every snooze of these contracts (a handful per contract at most). */
  snoozesOf(contractIds: readonly string[]): Promise<RenewalSnooze[]>;
  /** Records that a scan of `day` finished without failures (an idempotent insert). */
  markScanDone(day: CalendarDate, at: Date): Promise<void>;
  /** Whether a scan of `day` finished without failures. */
  scanDone(day: CalendarDate): Promise<boolean>;
}
