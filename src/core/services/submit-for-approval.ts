import { newRound, type ApprovalRound } from '../domain/approval-round.js';
import { latestVersion, type Contract } from '../domain/contract.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { ApprovalDeps } from './approval-deps.js';
import { planApprovalStages } from './plan-approval-stages.js';
import { postStageCards } from './post-stage-cards.js';
import { settleApprovalRound } from './settle-approval-round.js';
import { transitionContract } from './transition-contract.js';

export interface SubmitForApprovalInput {
  contractId: string;
  actor: UserRef;
  /** An integration submitting for the requester: the permission check is theirs, the audit names `actor`. */
  onBehalfOf?: UserRef;
  /** The contract as the caller just read or created it (spares reading it again). */
  contract?: Contract;
}

export interface SubmittedContract {
  contract: Contract;
  round: ApprovalRound;
}

/**
 * Sends a draft into review: picks the policy's stages (refusing, with nothing changed, when no
 * rule covers the contract), moves it draft -> in_review, snapshots the stages into a new round
 * and posts stage 1's cards. The round is an insert with id `contract:round:N`, so only the
 * request that created it posts. A contract left in review without a round (its submitter died
 * in between) is repaired by submitting it again.
 */
export async function submitForApproval(deps: ApprovalDeps, input: SubmitForApprovalInput): Promise<SubmittedContract> {
  const contract = input.contract?.id === input.contractId ? input.contract : await deps.contracts.findById(input.contractId);
  if (!contract) throw new AppError(AppErrorCode.NotFound, 'That contract does not exist.');
  const submitter = input.onBehalfOf ?? input.actor;
  if (!isSameUser(submitter, contract.requester) && !isSameUser(submitter, contract.owner)) {
    throw new AppError(AppErrorCode.Forbidden, `Only the requester or owner of ${contract.ref} can submit it for approval.`);
  }
  const plan = planApprovalStages(deps.policy, contract);
  // A draft never changed since it was stored has never been submitted, so it has no rounds.
  const rounds = contract.status === 'draft' && contract.revision === 0 ? [] : await deps.approvals.listRoundsForContract(contract.id);
  let number = rounds.length + 1;
  let roundId = `${contract.id}:round:${number}`;

  let submitted = contract;
  if (contract.status === 'in_review') {
    // Repair: the submit transition names its round; if that round was never created, create it now.
    const submit = (await deps.audit.listForContract(contract.id)).filter((e) => e.action === 'submit').pop();
    const namedId = typeof submit?.details?.roundId === 'string' ? submit.details.roundId : undefined;
    const existing = rounds.find((r) => r.id === namedId);
    if (!namedId || existing) {
      if (existing && existing.status !== 'pending') await settleApprovalRound(deps, existing);
      throw new AppError(AppErrorCode.IllegalTransition, `${contract.ref} is already in review${existing ? ` (approval round ${existing.round})` : ''}.`);
    }
    roundId = namedId;
    number = Number(submit?.details?.round ?? number);
  } else {
    submitted = await transitionContract(deps, {
      contractId: contract.id,
      action: 'submit',
      actor: input.actor,
      details: { roundId, round: number, policyRule: plan.ruleName ?? plan.ruleIndex + 1 },
      current: contract,
    });
  }
  const now = deps.clock.now();
  for (const previous of rounds) {
    if (previous.status === 'pending' || previous.status === 'rejected') await deps.approvals.supersede(previous.id, input.actor, now);
  }
  const fresh = {
    id: roundId,
    contractId: contract.id,
    contractRef: contract.ref,
    round: number,
    contractVersion: latestVersion(submitted)?.number ?? 0,
    requester: submitted.requester,
    stages: plan.stages,
    createdAt: now,
  };
  if (!(await deps.approvals.createRound(fresh))) return { contract: submitted, round: (await deps.approvals.findRound(roundId))! };
  // This request created the round: it is as stored (no outcomes, no messages yet) and posts its first cards.
  const round = newRound(fresh);
  const posted = await postStageCards(deps, submitted, round, { newRound: true });
  return { contract: submitted, round: { ...round, messageRefs: posted } };
}
