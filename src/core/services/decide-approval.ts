import type { ApprovalDecision, ApprovalRound, ApproverPerson } from '../domain/approval-round.js';
import { evaluateStage } from '../domain/approval-round.js';
import { candidateFor, fillableSlots, isApproverPerson } from '../domain/approver-identity.js';
import type { Contract } from '../domain/contract.js';
import { AppError, AppErrorCode } from '../errors.js';
import { formatInstant, requesterUpdateMessage, stageHeading } from '../views/approval-card.js';
import type { ApprovalDeps, DecideApprovalInput, DecisionOutcome } from './approval-deps.js';
import { postStageCards, sendApprovalMessage } from './post-stage-cards.js';
import { nextStepRecipient } from './next-step-recipient.js';
import { nextStepMessage } from '../views/contract-views.js';
import { refreshApprovalMessages } from './refresh-approval-messages.js';
import { settleApprovalRound } from './settle-approval-round.js';

const VERB = { approve: 'approved', reject: 'rejected' } as const;

function nameOf(round: ApprovalRound, d: ApprovalDecision): string {
  const person = round.stages[d.stageIndex]?.slots[d.slotIndex]?.candidates.find((c) => c.personId === d.personId);
  return person?.name ?? d.approver.displayName ?? 'someone';
}

function alreadyDecided(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(AppErrorCode.AlreadyDecided, `${message} Nothing was changed.`, details);
}

/** Why a click on a stage that is no longer open changes nothing: who ended it, and when. */
function stageClosedError(round: ApprovalRound, stageIndex: number, decisions: readonly ApprovalDecision[]): AppError {
  const heading = stageHeading(round, stageIndex);
  if (round.status === 'superseded') {
    return alreadyDecided(`${round.contractRef} was resubmitted${round.finishedAt ? ` at ${formatInstant(round.finishedAt)}` : ''}; this card is for an older round (round ${round.round}). Use the newest approval card.`);
  }
  const outcome = round.outcomes.find((o) => o.stageIndex === stageIndex);
  if (!outcome) {
    return alreadyDecided(`${heading} of ${round.contractRef} has not started yet.`);
  }
  const wanted = outcome.outcome === 'approved' ? 'approve' : 'reject';
  const deciders = decisions.filter((d) => d.stageIndex === stageIndex && outcome.countedSlots.includes(d.slotIndex) && d.decision === wanted);
  const who = deciders.length > 0 ? deciders.map((d) => `${nameOf(round, d)} at ${formatInstant(d.at)}`).join(', ') : `${outcome.by.displayName ?? 'someone'} at ${formatInstant(outcome.at)}`;
  return alreadyDecided(`${heading} of ${round.contractRef} was already ${outcome.outcome} by ${who}${outcome.reason ? `: ${outcome.reason}` : ''}.`, {
    outcome: outcome.outcome,
    decidedAt: outcome.at.toISOString(),
    decidedBy: deciders.map((d) => nameOf(round, d)),
  });
}

function authorize(contract: Contract, round: ApprovalRound, input: DecideApprovalInput): number[] {
  const stage = round.stages[input.stageIndex];
  if (!stage) throw new AppError(AppErrorCode.InvalidInput, `Round ${round.round} of ${round.contractRef} has no stage ${input.stageIndex + 1}.`);
  const slots = fillableSlots(stage, input.approver);
  if (slots.length === 0) {
    const names = [...new Set(stage.slots.flatMap((s) => s.candidates.map((c) => c.name)))].join(', ');
    throw new AppError(AppErrorCode.Forbidden, `You are not an approver of ${stageHeading(round, input.stageIndex)} for ${contract.ref}; it is decided by ${names}. Nothing was changed.`);
  }
  const people = slots.map((i) => candidateFor(stage.slots[i]!, input.approver)!);
  const involved = (p: ApproverPerson) => isApproverPerson(p, contract.requester) || isApproverPerson(p, contract.owner);
  if (involved({ personId: '', name: '', users: [input.approver] }) || people.some(involved)) {
    throw new AppError(AppErrorCode.Forbidden, `You requested or own ${contract.ref}, so you cannot approve or reject it: approval must come from someone else. Nothing was changed.`);
  }
  return slots;
}

/** The audit event of one decision; its id makes a repeat (after a crash) a no-op. */
async function auditDecision(deps: ApprovalDeps, contract: Contract, round: ApprovalRound, d: ApprovalDecision): Promise<void> {
  const stage = round.stages[d.stageIndex]!;
  await deps.audit.append(
    contract,
    {
      actor: d.approver,
      action: d.decision === 'approve' ? 'approval_approved' : 'approval_rejected',
      details: { roundId: round.id, round: round.round, stage: stage.name, stageIndex: d.stageIndex, slot: stage.slots[d.slotIndex]!.label, ...(d.reason ? { reason: d.reason } : {}) },
    },
    { id: `decision:${round.id}:${d.stageIndex}:${d.slotIndex}`, at: d.at },
  );
}

/**
 * A request that died between recording a decision and auditing it leaves the decision without
 * its event; every later click on the round re-asserts the events of the decisions its ended
 * stages counted (idempotent), so the trail ends complete.
 */
async function reassertCountedDecisions(deps: ApprovalDeps, contract: Contract, round: ApprovalRound, decisions: readonly ApprovalDecision[]): Promise<void> {
  for (const outcome of round.outcomes) {
    for (const d of decisions) {
      if (d.stageIndex === outcome.stageIndex && outcome.countedSlots.includes(d.slotIndex)) await auditDecision(deps, contract, round, d);
    }
  }
}

/** Ends the stage if the decisions now allow it; the one request whose claim wins does the follow-ups. */
async function maybeEndStage(deps: ApprovalDeps, round: ApprovalRound, input: DecideApprovalInput): Promise<boolean> {
  const decisions = await deps.approvals.listDecisions(round.id);
  const verdict = evaluateStage(round.stages[input.stageIndex]!, input.stageIndex, decisions);
  if (!verdict) return false;
  return deps.approvals.claimStageOutcome(round.id, { stageIndex: input.stageIndex, ...verdict, by: input.approver, at: deps.clock.now() });
}

/** After this request won a stage's claim: start the next stage, or settle the contract and tell the requester. */
async function followUp(deps: ApprovalDeps, roundId: string, stageIndex: number): Promise<void> {
  const round = (await deps.approvals.findRound(roundId))!;
  const contract = await settleApprovalRound(deps, round);
  if (round.status === 'pending') await postStageCards(deps, contract, round);
  if (round.status === 'superseded') return;
  const decisions = await deps.approvals.listDecisions(roundId);
  await sendApprovalMessage(deps, {
    id: `requester-update:${roundId}:${stageIndex}`,
    kind: 'requester_update',
    subjectId: roundId,
    deliveries: [{ target: { kind: 'user', user: contract.requester }, message: requesterUpdateMessage(contract, round, decisions) }],
    details: { contractRef: contract.ref, stageIndex },
  });
}

/**
 * Records one approver's decision on the current stage of a round, exactly once. The slot is an
 * insert with id `round:stage:slot` (a double click, a retried delivery or two members of one
 * group: one insert wins), and the stage's end is an insert with id `round:stage:complete` (only
 * one request advances the stage, approves or rejects). A decision that lands after its stage has
 * ended (the claim did not count it) is withdrawn and refused, so nothing changes.
 */
export async function decideApproval(deps: ApprovalDeps, input: DecideApprovalInput): Promise<DecisionOutcome> {
  let round = await deps.approvals.findRound(input.roundId);
  if (!round) throw new AppError(AppErrorCode.NotFound, 'That approval request no longer exists.');
  const contract = await deps.contracts.findById(round.contractId);
  if (!contract) throw new AppError(AppErrorCode.NotFound, `Contract ${round.contractRef} no longer exists.`);
  const slots = authorize(contract, round, input);
  const stage = round.stages[input.stageIndex]!;
  let decisions = await deps.approvals.listDecisions(round.id);
  await reassertCountedDecisions(deps, contract, round, decisions);
  if (round.status !== 'pending' || round.currentStage !== input.stageIndex) {
    await settleApprovalRound(deps, round); // roll forward a round whose ender died before moving the contract
    throw stageClosedError(round, input.stageIndex, decisions);
  }
  const reason = input.reason?.trim();
  if (input.decision === 'reject' && !reason) {
    throw new AppError(AppErrorCode.InvalidInput, 'A rejection needs a reason, so the requester knows what to change.', { field: 'reason' });
  }
  const isMe = (d: ApprovalDecision) => {
    const person = stage.slots[d.slotIndex]?.candidates.find((c) => c.personId === d.personId);
    return person ? isApproverPerson(person, input.approver) : false;
  };
  const taken = (i: number) => decisions.find((d) => d.stageIndex === input.stageIndex && d.slotIndex === i);
  const mine = decisions.find((d) => d.stageIndex === input.stageIndex && isMe(d));
  if (mine) {
    throw alreadyDecided(`You already ${VERB[mine.decision]} ${stageHeading(round, input.stageIndex)} of ${contract.ref} at ${formatInstant(mine.at)}.`);
  }
  const slot = slots.find((i) => !taken(i));
  if (slot === undefined) {
    const d = taken(slots[0]!)!;
    throw alreadyDecided(`${stage.slots[d.slotIndex]!.label} for ${contract.ref} was already ${VERB[d.decision]} by ${nameOf(round, d)} at ${formatInstant(d.at)}.`);
  }
  const person = candidateFor(stage.slots[slot]!, input.approver)!;
  const decision: ApprovalDecision = {
    roundId: round.id,
    stageIndex: input.stageIndex,
    slotIndex: slot,
    approver: input.approver,
    personId: person.personId,
    decision: input.decision,
    ...(reason ? { reason } : {}),
    at: deps.clock.now(),
  };
  if (!(await deps.approvals.recordDecision(decision))) {
    const winner = await deps.approvals.findDecision(round.id, input.stageIndex, slot);
    const who = winner && isMe(winner) ? 'you' : winner ? nameOf(round, winner) : 'someone else';
    throw alreadyDecided(
      `${stage.slots[slot]!.label} for ${contract.ref} was just ${winner ? VERB[winner.decision] : 'decided'} by ${who}${winner ? ` at ${formatInstant(winner.at)}` : ''}.`,
    );
  }

  const wonStage = await maybeEndStage(deps, round, input);
  round = (await deps.approvals.findRound(round.id))!;
  const ended = round.outcomes.find((o) => o.stageIndex === input.stageIndex);
  if (ended && !ended.countedSlots.includes(slot)) {
    // The stage ended without seeing this decision (a concurrent claim won first): undo it.
    await deps.approvals.withdrawDecision(round.id, input.stageIndex, slot);
    decisions = await deps.approvals.listDecisions(round.id);
    await refreshApprovalMessages(deps, round.id);
    throw stageClosedError(round, input.stageIndex, decisions);
  }
  await auditDecision(deps, contract, round, decision);
  if (wonStage) await followUp(deps, round.id, input.stageIndex);
  await refreshApprovalMessages(deps, round.id);

  const finalRound = (await deps.approvals.findRound(round.id))!;
  const finalContract = (await deps.contracts.findById(contract.id)) ?? contract;
  const outcome: DecisionOutcome = { contract: finalContract, round: finalRound, recorded: true, message: outcomeMessage(finalContract, finalRound, input) };
  // The next step's button (owner after an approval, requester after a rejection): queued under
  // the round's id, so a crash here or a platform error does not lose it and a retry sends it once.
  const to = nextStepRecipient(outcome, input.stageIndex, input.approver);
  if (to) {
    await sendApprovalMessage(deps, {
      id: `next-step:${finalRound.id}`,
      kind: 'next_step',
      subjectId: finalRound.id,
      deliveries: [{ target: { kind: 'user', user: to }, message: nextStepMessage(finalContract, to) }],
      details: { contractRef: finalContract.ref, status: finalContract.status },
    });
  }
  return outcome;
}

function outcomeMessage(contract: Contract, round: ApprovalRound, input: DecideApprovalInput): string {
  const heading = stageHeading(round, input.stageIndex);
  const you = `You ${VERB[input.decision]} ${heading} of ${contract.ref} ${contract.title}.`;
  if (round.status === 'approved') return `${you} All stages are approved: ${contract.ref} is approved and the requester has been told.`;
  if (round.status === 'rejected') return `${you} ${contract.ref} is rejected; the requester has been sent your reason.`;
  if (round.currentStage > input.stageIndex) return `${you} That completed the stage; it is now with ${stageHeading(round, round.currentStage)}.`;
  return `${you} The stage still needs more approvals.`;
}
