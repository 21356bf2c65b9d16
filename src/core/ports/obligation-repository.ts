import type { CalendarDate } from '../domain/calendar-date.js';
import type { Obligation } from '../domain/obligation.js';
import type { UserRef } from '../domain/user-ref.js';

export type NewObligation = Omit<Obligation, 'id' | 'status' | 'completedAt' | 'completedBy'> & {
  /** A deterministic id makes the insert a claim: the same obligation recorded twice is stored once. */
  id?: string;
};

export interface ObligationRepository {
  /** Stores it; `created` is false when an obligation with this id already existed (returned as stored). */
  insert(obligation: NewObligation): Promise<{ obligation: Obligation; created: boolean }>;
  findById(id: string): Promise<Obligation | null>;
  listForContract(contractId: string): Promise<Obligation[]>;
  /**
   * Marks it done: inserts the completion claim `id:done`, then sets the status. False when it was
   * already completed (by this or another click).
   */
  complete(id: string, by: UserRef, at: Date): Promise<boolean>;
  /** Open obligations due on or before `dueBy`, a page at a time. */
  openDueBy(dueBy: CalendarDate, batchSize: number): AsyncIterable<Obligation[]>;
}
