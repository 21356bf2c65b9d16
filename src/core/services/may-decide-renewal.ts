import type { AdminList } from '../ask/ask-deps.js';
import { managesContract } from '../ask/contract-visibility.js';
import type { ApprovalPolicy } from '../domain/approval-policy.js';
import { personUserRefs } from '../domain/approver-identity.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { ContractRepository } from '../ports/contract-repository.js';

/**
 * Who may decide a contract's renewal (Start renewal, Let it lapse, Snooze, Reassign): its owner
 * or requester, an admin (CLAUSE_ADMINS), or a person named in the approval policy (the managers,
 * legal and finance people who see the whole portfolio in `contract renewals`). A nudge is also
 * posted in the renewals channel, where anyone can click: everyone else is refused and nothing
 * changes.
 */
export async function assertMayDecideRenewal(
  deps: { contracts: Pick<ContractRepository, 'findById'>; admins: AdminList; policy: ApprovalPolicy | undefined },
  input: { contractId: string; actor: UserRef },
): Promise<void> {
  const contract = await deps.contracts.findById(input.contractId);
  if (!contract) throw new AppError(AppErrorCode.NotFound, 'That contract no longer exists; nothing was changed.');
  if (managesContract(contract, input.actor, deps.admins)) return;
  const inPolicy = Object.values(deps.policy?.people ?? {}).some((p) => personUserRefs(p).some((u) => isSameUser(u, input.actor)));
  if (inPolicy) return;
  const owner = contract.owner.displayName ? ` (the owner is ${contract.owner.displayName})` : '';
  throw new AppError(
    AppErrorCode.Forbidden,
    `Only the owner of ${contract.ref}, its requester, an admin or someone in the approval policy can decide its renewal${owner}; nothing was changed.`,
  );
}
