import type { ApprovalRound, ApproverPerson } from '../domain/approval-round.js';
import { isApproverPerson } from '../domain/approver-identity.js';
import type { Contract } from '../domain/contract.js';
import type { ChatTarget, MessageRef } from '../ports/chat-notifier.js';
import type { OutboxItem } from '../ports/outbox.js';
import { approvalCardMessage } from '../views/approval-card.js';
import type { ChatMessage } from '../views/chat-message.js';
import type { ApprovalDeps } from './approval-deps.js';
import { claimAndDeliver, type DeliveryDeps } from './deliver-outbox-item.js';

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

/** Queues one message of the approval engine under a deterministic id and sends it now (retried by the sweeper if it fails). */
export async function sendApprovalMessage(
  deps: ApprovalDeps,
  item: { id: string; kind: string; subjectId: string; deliveries: Array<{ target: ChatTarget; message: ChatMessage }>; details?: Record<string, unknown> },
): Promise<MessageRef[]> {
  if (item.deliveries.length === 0) return [];
  const result = await claimAndDeliver(approvalDelivery(deps), deps.messages, item);
  if (result === 'taken') return [];
  const stored = await deps.messages.find(item.id);
  return Object.values(stored?.delivered ?? {}).filter((r): r is MessageRef => r !== null);
}

/**
 * Posts the card of the round's current stage to the approval channels and/or each approver's
 * DMs (per the stage's `notify`) through the outbox (`stage-cards:<round>:<stage>`, claimed once,
 * retried when a platform fails), and remembers the posted messages on the round. Approvers who
 * own or requested the contract are not asked.
 */
export async function postStageCards(deps: ApprovalDeps, contract: Contract, round: ApprovalRound): Promise<MessageRef[]> {
  const stage = round.stages[round.currentStage];
  if (!stage || round.status !== 'pending') return [];
  const id = `stage-cards:${round.id}:${round.currentStage}`;
  if ((await deps.messages.existing([id])).has(id)) return [];
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
  const decisions = await deps.approvals.listDecisions(round.id);
  const message = approvalCardMessage(contract, round, decisions);
  return sendApprovalMessage(deps, {
    id,
    kind: APPROVAL_CARD_KIND,
    subjectId: round.id,
    deliveries: targets.map((target) => ({ target, message })),
    details: { contractRef: contract.ref, stageIndex: round.currentStage },
  });
}
