import { STATUS_LABELS, type Contract, type ContractStatus } from '../domain/contract.js';
import { nextStatus, type LifecycleAction } from '../domain/lifecycle.js';
import type { AuditEventDraft } from '../domain/audit-event.js';
import type { UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode, isAppError } from '../errors.js';
import type { ContractChange, ContractFieldChanges } from '../ports/contract-repository.js';
import type { ContractStoreDeps } from './contract-store-deps.js';

export interface TransitionContractInput {
  contractId: string;
  action: LifecycleAction;
  actor: UserRef;
  /** Field changes that go with the transition (e.g. the signed date). */
  set?: ContractFieldChanges;
  /** A new version of the text (revise, amend). */
  version?: { text: string; templateId?: string; note?: string };
  details?: Record<string, unknown>;
  /** The status the actor saw; when the contract has moved on since, the action is refused. */
  expectedStatus?: ContractStatus;
  /** The contract as the caller just read it: the first attempt starts from it instead of reading again. */
  current?: Contract;
  /** Facts with ids recorded in the same write as the transition's event (see ContractRepository.update). */
  facts?: ReadonlyArray<{ event: AuditEventDraft; id: string; at?: Date }>;
}

const MAX_ATTEMPTS = 5;

/**
 * Applies one lifecycle action against the stored state. The write is conditional on the
 * revision that was read, so of two concurrent transitions exactly one wins; the other re-reads
 * and is either refused with the reason (the contract is no longer in a state that allows it) or,
 * for actions that are still legal (an amendment), applied on top.
 */
export async function transitionContract(deps: ContractStoreDeps, input: TransitionContractInput): Promise<Contract> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const contract = attempt === 0 && input.current?.id === input.contractId ? input.current : await deps.contracts.findById(input.contractId);
    if (!contract) throw new AppError(AppErrorCode.NotFound, 'That contract does not exist.');
    if (input.expectedStatus && contract.status !== input.expectedStatus) {
      throw new AppError(
        AppErrorCode.IllegalTransition,
        `${contract.ref} is now ${STATUS_LABELS[contract.status].toLowerCase()}, not ${STATUS_LABELS[input.expectedStatus].toLowerCase()}: nothing was changed.`,
        { status: contract.status },
      );
    }
    let to: ContractStatus;
    try {
      to = nextStatus(contract.status, input.action);
    } catch (error) {
      if (attempt > 0 && isAppError(error)) {
        throw new AppError(error.code, `${error.message} (${contract.ref} was changed by someone else a moment ago.)`, error.details);
      }
      throw error;
    }
    const change: ContractChange = { set: input.set };
    if (to !== contract.status) change.status = to;
    if (input.version) {
      change.addVersion = {
        number: contract.versions.length + 1,
        text: input.version.text,
        templateId: input.version.templateId,
        note: input.version.note,
        createdAt: deps.clock.now(),
        createdBy: input.actor,
      };
    }
    const updated = await deps.contracts.update(
      contract.id,
      contract.revision,
      change,
      {
        actor: input.actor,
        action: input.action,
        fromStatus: contract.status,
        toStatus: to,
        details: input.details,
      },
      { current: contract, ...(input.facts ? { facts: input.facts } : {}) },
    );
    if (updated) return updated;
  }
  throw new AppError(AppErrorCode.Conflict, 'The contract is being changed by several people at once; try again in a moment.');
}
