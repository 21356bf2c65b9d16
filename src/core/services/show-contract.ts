import { isAdmin } from '../ask/contract-visibility.js';
import type { AdminList } from '../ask/ask-deps.js';
import { isApproverPerson } from '../domain/approver-identity.js';
import type { Contract } from '../domain/contract.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import { contractSummaryMessage } from '../views/contract-views.js';
import type { ChatMessage } from '../views/chat-message.js';
import type { ApprovalDeps } from './approval-deps.js';
import { findContract } from './find-contract.js';
import { getAuditTrail } from './get-audit-trail.js';
import type { SignatureDeps } from './signature-deps.js';

/**
 * `contract show <ref>`: the summary, approvals and history — for the people who may see the
 * contract (owner, requester, an approver of one of its rounds, or an admin), the same rule
 * Ask Clause answers by. Anyone else is told they have no access, without learning more.
 */
export async function showContract(
  deps: Pick<ApprovalDeps, 'contracts' | 'audit' | 'approvals'> & { admins: AdminList; signatures?: SignatureDeps },
  input: { ref: string; viewer: UserRef },
): Promise<ChatMessage> {
  const contract = await findContract(deps, input.ref);
  const rounds = await deps.approvals.listRoundsForContract(contract.id);
  if (!mayView(contract, rounds, input.viewer, deps.admins)) {
    throw new AppError(AppErrorCode.Forbidden, `You do not have access to ${contract.ref}: only its owner, requester, approvers and admins do.`);
  }
  const [decisions, history, signature] = await Promise.all([
    Promise.all(rounds.map((r) => deps.approvals.listDecisions(r.id))).then((d) => d.flat()),
    getAuditTrail(deps, contract.id),
    deps.signatures ? deps.signatures.requests.latestFor(contract.id) : Promise.resolve(null),
  ]);
  return contractSummaryMessage(contract, rounds, decisions, history, input.viewer, signature);
}

function mayView(
  contract: Contract,
  rounds: Awaited<ReturnType<ApprovalDeps['approvals']['listRoundsForContract']>>,
  viewer: UserRef,
  admins: AdminList,
): boolean {
  if (isSameUser(viewer, contract.owner) || isSameUser(viewer, contract.requester) || isAdmin(admins, viewer)) return true;
  return rounds.some((r) => r.stages.some((s) => s.slots.some((slot) => slot.candidates.some((p) => isApproverPerson(p, viewer)))));
}
