import type { CalendarDate } from '../domain/calendar-date.js';
import type { Contract } from '../domain/contract.js';
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

/** The few fields the scan decides on; the full contract is loaded only when there is work. */
export type RenewalCandidate = Pick<
  Contract,
  'id' | 'startDate' | 'endDate' | 'termMonths' | 'autoRenews' | 'renewalTermMonths' | 'noticePeriodDays' | 'owner' | 'requester'
>;

export interface RenewalRepository {
  /**
   * Active contracts whose effective end date is on or before `endDateTo` (indexed), as slim
   * candidates, `batchSize` at a time from one cursor: a scan never holds the portfolio in memory.
   */
  candidatesEndingBy(endDateTo: CalendarDate, batchSize: number): AsyncIterable<RenewalCandidate[]>;
  /** The full contracts for these ids that are still active. */
  findActive(ids: readonly string[]): Promise<Contract[]>;
  /** The longest notice period among active contracts (0 when none has one). */
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
}
