import { selectStages, type ApprovalPolicy, type SelectedStages } from '../domain/approval-policy.js';
import { isApproverPerson } from '../domain/approver-identity.js';
import { formatMoney, type Money } from '../domain/money.js';
import type { UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';

interface ContractToPlan {
  ref?: string;
  type: string;
  value?: Money;
  owner: UserRef;
  requester: UserRef;
}

/**
 * The stages a contract must pass, checked before anything is stored. A contract no rule covers is
 * refused rather than approved by default: the policy is the only place that may waive approval
 * (a rule with a lone, lenient stage). A stage whose approvers are all the requester or owner
 * themselves could never complete, so that is refused too, naming the stage.
 */
export function planApprovalStages(policy: ApprovalPolicy, contract: ContractToPlan): SelectedStages {
  const what = `${contract.ref ? `${contract.ref} (` : ''}a ${contract.type}${contract.value ? ` worth ${formatMoney(contract.value)}` : ' without a value'}${contract.ref ? ')' : ''}`;
  const selected = selectStages(policy, contract);
  if (!selected) {
    throw new AppError(
      AppErrorCode.InvalidInput,
      `No approval rule covers ${what}, so it cannot be submitted. Ask whoever maintains the approval policy to add a rule for it.`,
      { field: 'approvalPolicy', type: contract.type },
    );
  }
  const interested = (person: Parameters<typeof isApproverPerson>[0]) =>
    isApproverPerson(person, contract.requester) || isApproverPerson(person, contract.owner);
  for (const stage of selected.stages) {
    const fillable = stage.slots.filter((slot) => slot.candidates.some((c) => !interested(c))).length;
    if (fillable < stage.required) {
      const names = stage.slots.flatMap((s) => s.candidates.map((c) => c.name)).join(', ');
      throw new AppError(
        AppErrorCode.Forbidden,
        `Stage "${stage.name}" for ${what} could never be approved: its approvers (${names}) include the requester or owner, who cannot approve their own contract. Ask the policy maintainer for another approver or a different owner.`,
        { stage: stage.name },
      );
    }
  }
  return selected;
}
