import type { ApprovalRound, ApproverPerson } from '../domain/approval-round.js';
import type { Contract } from '../domain/contract.js';
import type { ApprovalRepository } from '../ports/approval-repository.js';
import type { ChatNotifier } from '../ports/chat-notifier.js';
import type { Clock } from '../ports/clock.js';
import type { ContractRepository } from '../ports/contract-repository.js';
import type { DeliveryTiming, Outbox, OutboxItem } from '../ports/outbox.js';
import { approvalCardMessage, stageHeading } from '../views/approval-card.js';
import type { ChatMessage } from '../views/chat-message.js';
import { claimAndDeliver } from './deliver-outbox-item.js';
import { sweepOutbox } from './sweep-outbox.js';

export interface ApprovalReminderDeps {
  approvals: ApprovalRepository;
  contracts: ContractRepository;
  notifier: ChatNotifier;
  clock: Clock;
  reminders: Outbox;
  delivery: DeliveryTiming;
  /**
   * Posts the current stage's cards if they were never claimed (the request that started the
   * stage died first); idempotent (postStageCards). Run for every pending round.
   */
  ensureStageCards?: (contract: Contract, round: ApprovalRound) => Promise<unknown>;
}

export interface ApprovalReminderReport {
  reminded: number;
  escalated: number;
  alreadySent: number;
  resent: number;
  /** Claimed but not delivered yet (queued for a retry) or reported failed. */
  unsent: number;
}

const HOUR = 3_600_000;

/** One approver's reminder in one SLA interval: `round:stage:person:interval`. */
const approvalReminderId = (roundId: string, stage: number, personId: string, interval: number) => `${roundId}:${stage}:${personId}:${interval}`;
const escalationId = (roundId: string, stage: number) => `${roundId}:${stage}:escalation`;

function waited(hours: number): string {
  return hours >= 48 ? `${Math.floor(hours / 24)} days` : `${Math.floor(hours)} hours`;
}

/** The people a stage still waits on: every candidate of every slot without a decision. */
function undecided(round: ApprovalRound, decidedSlots: ReadonlySet<number>): ApproverPerson[] {
  const stage = round.stages[round.currentStage]!;
  const people = new Map<string, ApproverPerson>();
  stage.slots.forEach((slot, i) => {
    if (decidedSlots.has(i)) return;
    for (const person of slot.candidates) people.set(person.personId, person);
  });
  return [...people.values()];
}

function toPerson(person: ApproverPerson, message: ChatMessage): OutboxItem['deliveries'] {
  // One chat identity per person (Slack first when they have both), so nobody is reminded twice.
  const user = person.users[0];
  return user ? [{ target: { kind: 'user', user }, message }] : [];
}

/**
 * Reminds the undecided approvers of stages pending longer than their SLA (`slaHours`), at most
 * once per approver per SLA interval, and escalates once to the stage's `escalateTo` contact
 * after `escalateAfterHours`. Every reminder is claimed with a unique insert before it is sent.
 */
export async function runApprovalReminders(deps: ApprovalReminderDeps): Promise<ApprovalReminderReport> {
  const now = deps.clock.now();
  const report: ApprovalReminderReport = { reminded: 0, escalated: 0, alreadySent: 0, resent: 0, unsent: 0 };
  report.resent = (await sweepOutbox(deps, deps.reminders)).sent;

  const send = async (item: OutboxItem, counter: 'reminded' | 'escalated') => {
    if (item.deliveries.length === 0) return;
    const result = await claimAndDeliver(deps, deps.reminders, item);
    if (result === 'taken') report.alreadySent++;
    else if (result.status === 'sent') report[counter]++;
    else report.unsent++;
  };

  for (const round of await deps.approvals.listPendingRounds()) {
    if (deps.ensureStageCards) {
      const contract = await deps.contracts.findById(round.contractId);
      if (contract) await deps.ensureStageCards(contract, round);
    }
    const stageIndex = round.currentStage;
    const stage = round.stages[stageIndex];
    if (!stage || (!stage.slaHours && !stage.escalateAfterHours)) continue;
    const hours = (now.getTime() - round.stageStartedAt.getTime()) / HOUR;
    const overSla = stage.slaHours !== undefined && hours >= stage.slaHours;
    const overEscalation = stage.escalateAfterHours !== undefined && stage.escalateTo !== undefined && hours >= stage.escalateAfterHours;
    if (!overSla && !overEscalation) continue;

    const contract = await deps.contracts.findById(round.contractId);
    if (!contract) continue;
    const decisions = await deps.approvals.listDecisions(round.id);
    const decided = new Set(decisions.filter((d) => d.stageIndex === stageIndex).map((d) => d.slotIndex));
    const waitingOn = undecided(round, decided);
    const heading = stageHeading(round, stageIndex);

    if (overSla) {
      const interval = Math.floor(hours / stage.slaHours!);
      const card = approvalCardMessage(contract, round, decisions);
      const message: ChatMessage = {
        ...card,
        text: `Reminder: ${contract.ref} ${contract.title} has waited ${waited(hours)} for your approval (${heading}; target ${stage.slaHours} hours).`,
      };
      for (const person of waitingOn) {
        await send(
          {
            id: approvalReminderId(round.id, stageIndex, person.personId, interval),
            kind: 'approval_reminder',
            subjectId: round.id,
            deliveries: toPerson(person, message),
            details: { contractRef: contract.ref, stageIndex, personId: person.personId, interval },
          },
          'reminded',
        );
      }
    }
    if (overEscalation) {
      const names = waitingOn.map((p) => p.name).join(', ') || 'nobody';
      const text =
        `Escalation: ${contract.ref} ${contract.title} (${contract.counterparty}) has waited ${waited(hours)} at ${heading}` +
        ` (escalation after ${stage.escalateAfterHours} hours). Still waiting on: ${names}.`;
      await send(
        {
          id: escalationId(round.id, stageIndex),
          kind: 'approval_escalation',
          subjectId: round.id,
          deliveries: toPerson(stage.escalateTo!, {
            text,
            card: { title: `Approval stalled: ${contract.title}`, subtitle: `${contract.ref} · ${heading}`, sections: [{ kind: 'text', text }] },
          }),
          details: { contractRef: contract.ref, stageIndex, escalateTo: stage.escalateTo!.personId },
        },
        'escalated',
      );
    }
  }
  return report;
}
