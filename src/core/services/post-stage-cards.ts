import type { ApprovalDecision, ApprovalRound, ApproverPerson } from '../domain/approval-round.js';
import { isApproverPerson } from '../domain/approver-identity.js';
import type { Contract } from '../domain/contract.js';
import type { ChatTarget, MessageRef } from '../ports/chat-notifier.js';
import type { OutboxItem } from '../ports/outbox.js';
import { approvalCardMessage } from '../views/approval-card.js';
import type { ChatMessage } from '../views/chat-message.js';
import type { ApprovalDeps } from './approval-deps.js';
import { claimAndDeliver, claimAndDeliverMany, type DeliveryDeps } from './deliver-outbox-item.js';

const APPROVAL_CARD_KIND = 'approval_card';

/**
 * The delivery deps of the approval engine's messages: an approval card's posted messages are
 * remembered on its round (so clicks update them in place), also when the sweeper posts them late.
 */
export function approvalDelivery(deps: ApprovalDeps): DeliveryDeps {
  return {
    notifier: deps.notifier,
    clock: deps.clock,
    delivery: deps.delivery,
    afterDelivery: { [APPROVAL_CARD_KIND]: (item: OutboxItem, refs: MessageRef[]) => deps.approvals.addMessageRefs(item.subjectId, refs) },
  };
}

export type ApprovalMessage = {
  id: string;
  kind: string;
  subjectId: string;
  deliveries: Array<{ target: ChatTarget; message: ChatMessage }>;
  details?: Record<string, unknown>;
};

/** Queues one message of the approval engine under a deterministic id and sends it now (retried by the sweeper if it fails). */
export async function sendApprovalMessage(deps: ApprovalDeps, item: ApprovalMessage): Promise<MessageRef[]> {
  if (item.deliveries.length === 0) return [];
  const result = await claimAndDeliver(approvalDelivery(deps), deps.messages, item);
  // A new claim's first attempt: what it posted is every message of the item delivered so far.
  return result === 'taken' ? [] : result.posted;
}

/**
 * sendApprovalMessage for several messages at once: claimed together (fewer writes), sent in
 * order. Returns what each posted (empty when it was already claimed or has no deliveries).
 */
export async function sendApprovalMessages(deps: ApprovalDeps, items: readonly ApprovalMessage[]): Promise<MessageRef[][]> {
  const wanted = items.filter((item) => item.deliveries.length > 0);
  const results = wanted.length > 0 ? await claimAndDeliverMany(approvalDelivery(deps), deps.messages, wanted) : [];
  const posted = new Map(wanted.map((item, i) => [item.id, results[i]]));
  return items.map((item) => {
    const result = posted.get(item.id);
    return result && result !== 'taken' ? result.posted : [];
  });
}

/**
 * Posts the card of the round's current stage to the approval channels and/or each approver's
 * DMs (per the stage's `notify`) through the outbox (`stage-cards:<round>:<stage>`, claimed once,
 * retried when a platform fails), and remembers the posted messages on the round. Approvers who
 * own or requested the contract are not asked. `known` passes what the caller already holds (the
 * round's decisions; that it just created the round) so nothing is read twice.
 */
export async function postStageCards(
  deps: ApprovalDeps,
  contract: Contract,
  round: ApprovalRound,
  known: { decisions?: readonly ApprovalDecision[]; newRound?: boolean } = {},
): Promise<MessageRef[]> {
  if (!round.stages[round.currentStage] || round.status !== 'pending') return [];
  // A round this request just created has no cards yet (and the claim settles any race).
  if (!known.newRound && (await deps.messages.existing([stageCardsId(round)])).has(stageCardsId(round))) return [];
  const decisions = known.decisions ?? (known.newRound ? [] : await deps.approvals.listDecisions(round.id));
  return sendApprovalMessage(deps, stageCardsItem(deps, contract, round, decisions));
}

const stageCardsId = (round: ApprovalRound) => `stage-cards:${round.id}:${round.currentStage}`;

/** The outbox item of the current stage's cards: one delivery per target, drawn from `decisions`. */
export function stageCardsItem(deps: ApprovalDeps, contract: Contract, round: ApprovalRound, decisions: readonly ApprovalDecision[]): ApprovalMessage {
  const stage = round.stages[round.currentStage]!;
  const targets: ChatTarget[] = [];
  if (stage.notify !== 'dm') targets.push(...deps.approvalChannels);
  if (stage.notify !== 'channel') {
    const people = new Map<string, ApproverPerson>();
    for (const slot of stage.slots) for (const c of slot.candidates) people.set(c.personId, c);
    for (const person of people.values()) {
      if (isApproverPerson(person, contract.requester) || isApproverPerson(person, contract.owner)) continue;
      for (const user of person.users) targets.push({ kind: 'user', user });
    }
  }
  const message = approvalCardMessage(contract, round, decisions);
  return {
    id: stageCardsId(round),
    kind: APPROVAL_CARD_KIND,
    subjectId: round.id,
    deliveries: targets.map((target) => ({ target, message })),
    details: { contractRef: contract.ref, stageIndex: round.currentStage },
  };
}
