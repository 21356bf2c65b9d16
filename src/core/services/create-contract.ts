import type { AuditEventDraft } from '../domain/audit-event.js';
import { ZContractTerms, type Contract, type ContractStatus, type ContractTerms, type ContractTermsInput } from '../domain/contract.js';
import type { NewContractRecord } from '../ports/contract-repository.js';
import type { CalendarDate } from '../domain/calendar-date.js';
import type { UserRef } from '../domain/user-ref.js';
import { parseOrThrow } from '../validation.js';
import { allocateContractRef } from './allocate-contract-ref.js';
import type { ContractStoreDeps } from './contract-store-deps.js';

export interface CreateContractInput {
  terms: ContractTermsInput;
  owner: UserRef;
  requester: UserRef;
  actor: UserRef;
  /** Imports may bring contracts that are already signed. */
  status?: ContractStatus;
  text?: { body: string; templateId?: string; note?: string };
  externalId?: string;
  notes?: string;
  signedDate?: CalendarDate;
  renewalOf?: string;
  auditAction?: string;
  auditDetails?: Record<string, unknown>;
}

/** Validates the terms, allocates a reference and stores the contract with its first event. */
export async function createContract(deps: ContractStoreDeps, input: CreateContractInput): Promise<Contract> {
  const terms = parseOrThrow(ZContractTerms, input.terms, 'contract terms');
  const ref = await allocateContractRef(deps);
  const { record, event } = newContractRecord(input, terms, ref, deps.clock.now());
  return deps.contracts.insert(record, event);
}

/** The record and first audit event of a new contract (shared with createContracts). */
export function newContractRecord(
  input: CreateContractInput,
  terms: ContractTerms,
  ref: string,
  now: Date,
): { record: NewContractRecord; event: AuditEventDraft } {
  const status = input.status ?? 'draft';
  return {
    record: {
      ref,
      ...terms,
      owner: input.owner,
      requester: input.requester,
      status,
      versions: input.text
        ? [{ number: 1, text: input.text.body, templateId: input.text.templateId, note: input.text.note, createdAt: now, createdBy: input.actor }]
        : [],
      ...(input.externalId ? { externalId: input.externalId } : {}),
      ...(input.notes ? { notes: input.notes } : {}),
      ...(input.signedDate ? { signedDate: input.signedDate } : {}),
      ...(input.renewalOf ? { renewalOf: input.renewalOf } : {}),
    },
    event: { actor: input.actor, action: input.auditAction ?? 'created', toStatus: status, details: input.auditDetails },
  };
}
