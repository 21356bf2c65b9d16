import type { ApprovalRound, ApproverPerson } from '../domain/approval-round.js';
import { isApproverPerson } from '../domain/approver-identity.js';
import type { Contract } from '../domain/contract.js';
import type { ChatTarget, MessageRef } from '../ports/chat-notifier.js';
import { approvalCardMessage } from '../views/approval-card.js';
import type { ApprovalDeps } from './approval-deps.js';

/**
 * Posts the card of the round's current stage to the approval channels and/or each approver's
 * DMs (per the stage's `notify`) and remembers the posted messages. The caller must be the one
 * request that started the stage (it won the round's creation or the previous stage's claim), so
 * cards are posted once. Approvers who own or requested the contract are not asked.
 */
export async function postStageCards(deps: ApprovalDeps, contract: Contract, round: ApprovalRound): Promise<MessageRef[]> {
  const stage = round.stages[round.currentStage];
  if (!stage || round.status !== 'pending') return [];
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
  // One unreachable target must not stop the others; the notifier logs why it failed.
  const sent = await Promise.allSettled(targets.map((t) => deps.notifier.send(t, message)));
  const refs = sent.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
  await deps.approvals.addMessageRefs(round.id, refs);
  return refs;
}
