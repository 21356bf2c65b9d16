import { latestVersion } from '../domain/contract.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { ApprovalDeps } from './approval-deps.js';
import { submitForApproval, type SubmittedContract } from './submit-for-approval.js';
import { transitionContract } from './transition-contract.js';

export interface ResubmitContractInput {
  contractId: string;
  actor: UserRef;
  /** The revised text; without it the latest text is carried into the new version. */
  text?: string;
  note?: string;
}

/**
 * After a rejection: revises the contract (rejected -> draft, a new version) and submits it again,
 * which starts a new round and marks the rejected one superseded. The revise is conditional on
 * the contract still being rejected, so a double click adds one version, not two.
 */
export async function resubmitContract(deps: ApprovalDeps, input: ResubmitContractInput): Promise<SubmittedContract> {
  const contract = await deps.contracts.findById(input.contractId);
  if (!contract) throw new AppError(AppErrorCode.NotFound, 'That contract does not exist.');
  if (!isSameUser(input.actor, contract.requester) && !isSameUser(input.actor, contract.owner)) {
    throw new AppError(AppErrorCode.Forbidden, `Only the requester or owner of ${contract.ref} can revise and resubmit it.`);
  }
  if (contract.status !== 'rejected' && contract.status !== 'draft') {
    throw new AppError(
      AppErrorCode.IllegalTransition,
      `${contract.ref} is ${contract.status.replace(/_/g, ' ')}: only a rejected or draft contract can be resubmitted.`,
      { status: contract.status },
    );
  }
  if (contract.status === 'rejected' || input.text !== undefined) {
    await transitionContract(deps, {
      contractId: contract.id,
      action: 'revise',
      actor: input.actor,
      expectedStatus: contract.status,
      version: {
        text: input.text ?? latestVersion(contract)?.text ?? '',
        ...(latestVersion(contract)?.templateId ? { templateId: latestVersion(contract)!.templateId! } : {}),
        note: input.note ?? 'Revised after rejection',
      },
    });
  }
  return submitForApproval(deps, { contractId: contract.id, actor: input.actor });
}
