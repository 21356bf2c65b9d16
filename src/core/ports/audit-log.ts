import type { AuditEvent, AuditEventDraft } from '../domain/audit-event.js';

/** A stored change of one contract (its transition event) and the revision it produced. */
export interface RecordedTransition {
  event: AuditEvent;
  /** 0: the contract was created (a request); n: the change that took it to revision n. */
  revision: number;
  /** Where the next page starts (`after`). */
  cursor: string;
}

/** Changes made in [from, to), oldest first, a page at a time. */
export interface TransitionQuery {
  from: Date;
  to: Date;
  after?: string;
  limit: number;
}

export interface AuditLog {
  /**
   * Records a fact that is not a stored change of the contract (a decision, a nudge sent). With
   * an `id` the append is idempotent: the first one is kept and a repeat returns it, so a fact
   * can be re-asserted after a crash without ever being recorded twice.
   */
  append(contract: { id: string; ref: string }, event: AuditEventDraft, options?: { id?: string; at?: Date }): Promise<AuditEvent>;
  /**
   * Several facts with ids at once (one write): each is recorded unless an event with its id
   * already is (then the first one is kept), as `append` with an id does one by one.
   */
  appendMany(items: ReadonlyArray<{ contract: { id: string; ref: string }; event: AuditEventDraft; id: string; at?: Date }>): Promise<void>;
  /**
   * The changes of single contracts (creations and stored moves; not bulk imports) made in a time
   * window, oldest first: what the webhook recovery job re-derives events from.
   */
  listTransitions(query: TransitionQuery): Promise<RecordedTransition[]>;
  /** Every event of one contract, oldest first. */
  listForContract(contractId: string): Promise<AuditEvent[]>;
}
