import type { ApprovalDecision, ApprovalRound, ApproverPerson, StageOutcome } from '../domain/approval-round.js';
import { evaluateStage, roundWithOutcome } from '../domain/approval-round.js';
import { candidateFor, fillableSlots, isApproverPerson } from '../domain/approver-identity.js';
import type { Contract } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import { formatInstant, requesterUpdateMessage, stageHeading } from '../views/approval-card.js';
import type { ApprovalDeps, DecideApprovalInput, DecisionOutcome } from './approval-deps.js';
import { sendApprovalMessage, sendApprovalMessages, stageCardsItem } from './post-stage-cards.js';
import { nextStepRecipient } from './next-step-recipient.js';
import { nextStepMessage } from '../views/contract-views.js';
import { refreshApprovalMessages, type RoundState } from './refresh-approval-messages.js';
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
    return alreadyDecided(
      `${round.contractRef} was resubmitted${round.finishedAt ? ` at ${formatInstant(round.finishedAt)}` : ''}; this card is for an older round (round ${round.round}). Use the newest approval card.`,
    );
  }
  const outcome = round.outcomes.find((o) => o.stageIndex === stageIndex);
  if (!outcome) {
    return alreadyDecided(`${heading} of ${round.contractRef} has not started yet.`);
  }
  const wanted = outcome.outcome === 'approved' ? 'approve' : 'reject';
  const deciders = decisions.filter((d) => d.stageIndex === stageIndex && outcome.countedSlots.includes(d.slotIndex) && d.decision === wanted);
  const who =
    deciders.length > 0
      ? deciders.map((d) => `${nameOf(round, d)} at ${formatInstant(d.at)}`).join(', ')
      : `${outcome.by.displayName ?? 'someone'} at ${formatInstant(outcome.at)}`;
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
    throw new AppError(
      AppErrorCode.Forbidden,
      `You are not an approver of ${stageHeading(round, input.stageIndex)} for ${contract.ref}; it is decided by ${names}. Nothing was changed.`,
    );
  }
  const people = slots.map((i) => candidateFor(stage.slots[i]!, input.approver)!);
  const involved = (p: ApproverPerson) => isApproverPerson(p, contract.requester) || isApproverPerson(p, contract.owner);
  if (involved({ personId: '', name: '', users: [input.approver] }) || people.some(involved)) {
    throw new AppError(
      AppErrorCode.Forbidden,
      `You requested or own ${contract.ref}, so you cannot approve or reject it: approval must come from someone else. Nothing was changed.`,
    );
  }
  return slots;
}

/** The audit event of one decision; its id makes a repeat (after a crash) a no-op. */
function decisionEvent(contract: Contract, round: ApprovalRound, d: ApprovalDecision) {
  const stage = round.stages[d.stageIndex]!;
  return {
    contract,
    id: `decision:${round.id}:${d.stageIndex}:${d.slotIndex}`,
    at: d.at,
    event: {
      actor: d.approver,
      action: d.decision === 'approve' ? 'approval_approved' : 'approval_rejected',
      details: {
        roundId: round.id,
        round: round.round,
        stage: stage.name,
        stageIndex: d.stageIndex,
        slot: stage.slots[d.slotIndex]!.label,
        ...(d.reason ? { reason: d.reason } : {}),
      },
    },
  };
}

/**
 * The events of the decisions the round's ended stages counted. A request that died between
 * recording a decision and auditing it leaves the decision without its event; every later click
 * on the round re-asserts them (idempotent, in the same write as its own), so the trail ends complete.
 */
function countedDecisionEvents(contract: Contract, round: ApprovalRound, decisions: readonly ApprovalDecision[]) {
  return round.outcomes.flatMap((outcome) =>
    decisions.filter((d) => d.stageIndex === outcome.stageIndex && outcome.countedSlots.includes(d.slotIndex)).map((d) => decisionEvent(contract, round, d)),
  );
}

/**
 * Records one approver's decision on the current stage of a round, exactly once. The slot is an
 * insert with id `round:stage:slot` (a double click, a retried delivery or two members of one
 * group: one insert wins), and the stage's end is an insert with id `round:stage:complete` (only
 * one request advances the stage, approves or rejects). A decision that lands after its stage has
 * ended (the claim did not count it) is withdrawn and refused, so nothing changes.
 *
 * The round, its decisions and the contract are read once; what this request writes is applied to
 * them in memory and passed along (cards, the contract's move, the messages), so a click costs a
 * bounded number of database round trips (test/infra/approvals/round-trip-budget.test.ts).
 */
export async function decideApproval(deps: ApprovalDeps, input: DecideApprovalInput): Promise<DecisionOutcome> {
  const loaded = await deps.approvals.findRound(input.roundId);
  if (!loaded) throw new AppError(AppErrorCode.NotFound, 'That approval request no longer exists.');
  const [contract, before] = await Promise.all([deps.contracts.findById(loaded.contractId), deps.approvals.listDecisions(loaded.id)]);
  if (!contract) throw new AppError(AppErrorCode.NotFound, `Contract ${loaded.contractRef} no longer exists.`);
  const slots = authorize(contract, loaded, input);
  const stage = loaded.stages[input.stageIndex]!;
  if (loaded.status !== 'pending' || loaded.currentStage !== input.stageIndex) {
    await deps.audit.appendMany(countedDecisionEvents(contract, loaded, before));
    await settleApprovalRound(deps, loaded, { contract }); // roll forward a round whose ender died before moving the contract
    throw stageClosedError(loaded, input.stageIndex, before);
  }
  const reason = input.reason?.trim();
  if (input.decision === 'reject' && !reason) {
    await deps.audit.appendMany(countedDecisionEvents(contract, loaded, before));
    throw new AppError(AppErrorCode.InvalidInput, 'A rejection needs a reason, so the requester knows what to change.', { field: 'reason' });
  }
  const isMe = (d: ApprovalDecision) => {
    const person = stage.slots[d.slotIndex]?.candidates.find((c) => c.personId === d.personId);
    return person ? isApproverPerson(person, input.approver) : false;
  };
  const taken = (i: number) => before.find((d) => d.stageIndex === input.stageIndex && d.slotIndex === i);
  const mine = before.find((d) => d.stageIndex === input.stageIndex && isMe(d));
  // A click that is refused below still re-asserts the ended stages' decision events.
  const reassert = () => deps.audit.appendMany(countedDecisionEvents(contract, loaded, before));
  if (mine) {
    await reassert();
    throw alreadyDecided(`You already ${VERB[mine.decision]} ${stageHeading(loaded, input.stageIndex)} of ${contract.ref} at ${formatInstant(mine.at)}.`);
  }
  const slot = slots.find((i) => !taken(i));
  if (slot === undefined) {
    await reassert();
    const d = taken(slots[0]!)!;
    throw alreadyDecided(
      `${stage.slots[d.slotIndex]!.label} for ${contract.ref} was already ${VERB[d.decision]} by ${nameOf(loaded, d)} at ${formatInstant(d.at)}.`,
    );
  }
  const person = candidateFor(stage.slots[slot]!, input.approver)!;
  const decision: ApprovalDecision = {
    roundId: loaded.id,
    stageIndex: input.stageIndex,
    slotIndex: slot,
    approver: input.approver,
    personId: person.personId,
    decision: input.decision,
    ...(reason ? { reason } : {}),
    at: deps.clock.now(),
  };
  if (!(await deps.approvals.recordDecision(decision))) {
    await reassert();
    const winner = await deps.approvals.findDecision(loaded.id, input.stageIndex, slot);
    const who = winner && isMe(winner) ? 'you' : winner ? nameOf(loaded, winner) : 'someone else';
    throw alreadyDecided(
      `${stage.slots[slot]!.label} for ${contract.ref} was just ${winner ? VERB[winner.decision] : 'decided'} by ${who}${winner ? ` at ${formatInstant(winner.at)}` : ''}.`,
    );
  }

  // Does the stage end? What was read plus this decision is enough when it decides the stage
  // (more decisions never take a verdict away); otherwise read again, so of concurrent deciders
  // the last to record sees the others and ends the stage.
  let decisions = [...before, decision].sort((a, b) => a.stageIndex - b.stageIndex || a.slotIndex - b.slotIndex);
  let verdict = evaluateStage(stage, input.stageIndex, decisions);
  if (!verdict) {
    decisions = await deps.approvals.listDecisions(loaded.id);
    verdict = evaluateStage(stage, input.stageIndex, decisions);
  }
  const outcome: StageOutcome | undefined = verdict ? { stageIndex: input.stageIndex, ...verdict, by: input.approver, at: deps.clock.now() } : undefined;
  const won = outcome ? await deps.approvals.claimStageOutcome(loaded.id, outcome) : false;

  let state: RoundState;
  if (won) {
    const round = roundWithOutcome(loaded, outcome!);
    const events = [...countedDecisionEvents(contract, loaded, before), decisionEvent(contract, round, decision)];
    state = await followUp(deps, { round, decisions, contract }, input.stageIndex, events);
  } else {
    // No verdict even in the decisions read after this one was recorded: no claim can have ended
    // the stage without counting it (a claimer's decisions, all recorded before its claim, would
    // be among those read, and more decisions never take a verdict away), so the round read at
    // the start still holds for this decision; the redraw's check reads what changed since.
    // A lost claim is different: another request ended the stage, perhaps without this decision.
    const round = outcome ? (await deps.approvals.findRound(loaded.id))! : loaded;
    const ended = round.outcomes.find((o) => o.stageIndex === input.stageIndex);
    if (ended && !ended.countedSlots.includes(slot)) {
      // The stage ended without seeing this decision (a concurrent claim won first): undo it.
      await deps.approvals.withdrawDecision(round.id, input.stageIndex, slot);
      const after = await deps.approvals.listDecisions(round.id);
      await refreshApprovalMessages(deps, round.id);
      throw stageClosedError(round, input.stageIndex, after);
    }
    await deps.audit.appendMany([...countedDecisionEvents(contract, loaded, before), decisionEvent(contract, round, decision)]);
    if (ended) decisions = await deps.approvals.listDecisions(round.id);
    state = (await refreshApprovalMessages(deps, round.id, { round, decisions, contract })) ?? { round, decisions, contract };
  }

  const result: DecisionOutcome = {
    contract: state.contract,
    round: state.round,
    decisions: state.decisions,
    recorded: true,
    message: outcomeMessage(state.contract, state.round, input),
  };
  if (!won) {
    // The next step's button goes with the requester's update of the request that ended the
    // round (below); a decision that did not end it has none to send, except to the same person.
    const to = nextStepRecipient(result, input.stageIndex, input.approver);
    if (to) await sendApprovalMessage(deps, nextStepItem(state.contract, state.round, to));
  }
  return result;
}

/** The next step's button (owner after an approval, requester after a rejection): queued under the round's id, so a retry sends it once. */
function nextStepItem(contract: Contract, round: ApprovalRound, to: UserRef) {
  return {
    id: `next-step:${round.id}`,
    kind: 'next_step',
    subjectId: round.id,
    deliveries: [{ target: { kind: 'user' as const, user: to }, message: nextStepMessage(contract, to) }],
    details: { contractRef: contract.ref, status: contract.status },
  };
}

/**
 * After this request won a stage's claim: redraw the cards, then start the next stage, or settle
 * the contract; then tell the requester (and send the next step's button). A round this claim
 * finished is drawn for good before the contract moves, so no resubmission can race the drawing.
 */
async function followUp(deps: ApprovalDeps, known: RoundState, stageIndex: number, events: Array<ReturnType<typeof decisionEvent>>): Promise<RoundState> {
  const { round, decisions } = known;
  const finished = round.status === 'approved' || round.status === 'rejected';
  let contract = known.contract;
  let drawn: RoundState = known;
  if (finished) {
    await refreshApprovalMessages(deps, round.id, { ...known, final: true });
    // The decision's event is written with the contract's move (one write).
    contract = await settleApprovalRound(deps, round, { contract, endedHere: true, facts: events });
    drawn = { round, decisions, contract };
  } else {
    await deps.audit.appendMany(events);
    drawn = (await refreshApprovalMessages(deps, round.id, known)) ?? known;
    if (drawn.round.status === 'superseded') return drawn;
  }
  // The next stage's cards (this claim started it, so none were posted yet: the claim of the
  // item settles a race with the reminders' re-post) go out with the requester's update.
  const cards = drawn.round.status === 'pending' ? stageCardsItem(deps, contract, drawn.round, drawn.decisions) : undefined;
  const update = {
    id: `requester-update:${round.id}:${stageIndex}`,
    kind: 'requester_update',
    subjectId: round.id,
    deliveries: [{ target: { kind: 'user' as const, user: contract.requester }, message: requesterUpdateMessage(contract, drawn.round, drawn.decisions) }],
    details: { contractRef: contract.ref, stageIndex },
  };
  const to = nextStepRecipient(
    { contract, round: drawn.round, decisions: drawn.decisions, recorded: true, message: '' },
    stageIndex,
    drawn.round.outcomes.find((o) => o.stageIndex === stageIndex)!.by,
  );
  const [posted] = await sendApprovalMessages(deps, [...(cards ? [cards] : []), update, ...(to ? [nextStepItem(contract, drawn.round, to)] : [])]);
  if (cards && posted) drawn = { ...drawn, round: { ...drawn.round, messageRefs: [...drawn.round.messageRefs, ...posted] } };
  return drawn;
}

function outcomeMessage(contract: Contract, round: ApprovalRound, input: DecideApprovalInput): string {
  const heading = stageHeading(round, input.stageIndex);
  const you = `You ${VERB[input.decision]} ${heading} of ${contract.ref} ${contract.title}.`;
  if (round.status === 'approved') return `${you} All stages are approved: ${contract.ref} is approved and the requester has been told.`;
  if (round.status === 'rejected') return `${you} ${contract.ref} is rejected; the requester has been sent your reason.`;
  if (round.currentStage > input.stageIndex) return `${you} That completed the stage; it is now with ${stageHeading(round, round.currentStage)}.`;
  return `${you} The stage still needs more approvals.`;
}
