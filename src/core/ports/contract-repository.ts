import type { AppError } from '../errors.js';
import type { AuditEventDraft } from '../domain/audit-event.js';
import type { CalendarDate } from '../domain/calendar-date.js';
import type { Contract, ContractStatus, ContractVersion } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';

export type NewContractRecord = Omit<Contract, 'id' | 'revision' | 'createdAt' | 'updatedAt'>;

/** Fields a change may set; `undefined` leaves a field as it is, `null` clears it. */
export type ContractFieldChanges = {
  [K in Exclude<keyof Contract, 'id' | 'ref' | 'revision' | 'createdAt' | 'updatedAt' | 'versions' | 'status'>]?: Contract[K] | null;
};

export interface ContractChange {
  status?: ContractStatus;
  set?: ContractFieldChanges;
  addVersion?: ContractVersion;
}

export interface ContractQuery {
  statuses?: readonly ContractStatus[];
  /** Contracts this person owns or requested. */
  involving?: UserRef;
  ownedBy?: UserRef;
  counterpartyContains?: string;
  type?: string;
  endDateFrom?: CalendarDate;
  endDateTo?: CalendarDate;
  ids?: readonly string[];
  /** Changed at or after this instant. */
  updatedSince?: Date;
  /** Keyset pagination in (updatedAt, id) order: only contracts after this one (use with sort 'updated'). */
  after?: { updatedAt: Date; id: string };
  limit?: number;
  sort?: 'newest' | 'endDate' | 'updated';
}

export interface ContractUpdateOptions {
  current?: Contract;
  facts?: ReadonlyArray<{ event: AuditEventDraft; id: string; at?: Date }>;
}

export interface ContractRepository {
  /** Stores a new contract and its first audit event. The ref (and external id) must be unique. */
  insert(record: NewContractRecord, event: AuditEventDraft): Promise<Contract>;
  /**
   * Stores many new contracts with their first events in a few writes (bulk imports). Each item
   * gets its contract, or the Conflict AppError `insert` would have thrown for it.
   */
  insertMany(items: ReadonlyArray<{ record: NewContractRecord; event: AuditEventDraft }>): Promise<Array<Contract | AppError>>;
  findById(id: string): Promise<Contract | null>;
  findByRef(ref: string): Promise<Contract | null>;
  findByExternalId(externalId: string): Promise<Contract | null>;
  /** The contracts with these external ids, in one read (imports), keyed by external id. */
  findByExternalIds(externalIds: readonly string[]): Promise<Map<string, Contract>>;
  /**
   * Applies `change` only if the stored contract is still at `expectedRevision`, together with its
   * audit event, as one atomic write. Returns the updated contract, or null when someone else
   * changed it first (the caller re-reads and decides). `options.current`, the caller's copy of
   * the contract at `expectedRevision`, spares the store a read; `options.facts` are events with
   * ids (as AuditLog.appendMany records them) written together with this change's event, and
   * recorded whether or not the change wins.
   */
  update(id: string, expectedRevision: number, change: ContractChange, event: AuditEventDraft, options?: ContractUpdateOptions): Promise<Contract | null>;
  list(query: ContractQuery): Promise<Contract[]>;
  count(query: ContractQuery): Promise<number>;
}
