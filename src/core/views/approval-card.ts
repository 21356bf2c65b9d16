import { z } from 'zod';
import type { ApprovalDecision, ApprovalRound, ApprovalStage } from '../domain/approval-round.js';
import { effectiveEndDate, type Contract } from '../domain/contract.js';
import { formatMoney } from '../domain/money.js';
import type { UserRef } from '../domain/user-ref.js';
import type { CardSection, ChatMessage } from './chat-message.js';

/** Action ids the adapters route to decideApproval. */
export const APPROVAL_ACTIONS = { approve: 'approval.approve', reject: 'approval.reject' } as const;

/** The button payload: which round and which stage the card showed when it was clicked. */
export const ZApprovalActionValue = z.object({
  roundId: z.string().min(1),
  stage: z.coerce.number().int().nonnegative(),
});

/** `2026-03-01 09:00 UTC`: one unambiguous form for every reader's time zone. */
export function formatInstant(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function userName(u: UserRef): string {
  return u.displayName ?? u.email ?? 'someone';
}

/** The name of whoever filled a slot, as the policy knows them (adapters cannot rewrite mentions). */
function deciderName(stage: ApprovalStage | undefined, d: Pick<ApprovalDecision, 'slotIndex' | 'personId' | 'approver'>): string {
  const person = stage?.slots[d.slotIndex]?.candidates.find((c) => c.personId === d.personId);
  return person?.name ?? userName(d.approver);
}

function outcomeByName(round: ApprovalRound, stageIndex: number, decisions: readonly ApprovalDecision[]): string {
  const outcome = round.outcomes.find((o) => o.stageIndex === stageIndex);
  if (!outcome) return '';
  const stage = round.stages[stageIndex];
  const counted = decisions.filter(
    (d) => d.stageIndex === stageIndex && outcome.countedSlots.includes(d.slotIndex) && d.decision === (outcome.outcome === 'rejected' ? 'reject' : 'approve'),
  );
  return counted.length > 0 ? counted.map((d) => deciderName(stage, d)).join(', ') : userName(outcome.by);
}

function requireText(stage: ApprovalStage): string {
  if (stage.slots.length === 1) return '';
  if (stage.require === 'all') return ` (all ${stage.slots.length} must approve)`;
  if (stage.require === 'any') return ' (any one approval is enough)';
  return ` (${stage.required} of ${stage.slots.length} must approve)`;
}

export function stageHeading(round: ApprovalRound, stageIndex: number): string {
  const stage = round.stages[stageIndex]!;
  return `Stage ${stageIndex + 1} of ${round.stages.length}: ${stage.name}`;
}

function termFields(contract: Contract): Array<{ label: string; value: string }> {
  const end = effectiveEndDate(contract);
  const fields: Array<{ label: string; value: string } | undefined> = [
    { label: 'Type', value: contract.type.toUpperCase().replace(/_/g, ' ') },
    { label: 'Counterparty', value: contract.counterparty },
    { label: 'Value', value: contract.value ? formatMoney(contract.value) : 'not stated' },
    contract.startDate ? { label: 'Start', value: contract.startDate } : undefined,
    end ? { label: 'End', value: end } : undefined,
    contract.termMonths ? { label: 'Term', value: `${contract.termMonths} months` } : undefined,
    {
      label: 'Auto-renewal',
      value: contract.autoRenews ? `Yes${contract.renewalTermMonths ? `, ${contract.renewalTermMonths}-month terms` : ''}` : 'No',
    },
    contract.noticePeriodDays !== undefined ? { label: 'Notice period', value: `${contract.noticePeriodDays} days` } : undefined,
    { label: 'Owner', value: userName(contract.owner) },
    { label: 'Requester', value: userName(contract.requester) },
  ];
  return fields.filter((f): f is { label: string; value: string } => f !== undefined);
}

function slotLines(round: ApprovalRound, stageIndex: number, decisions: readonly ApprovalDecision[]): string {
  const stage = round.stages[stageIndex]!;
  const outcome = round.outcomes.find((o) => o.stageIndex === stageIndex);
  const ended = outcome !== undefined || round.status !== 'pending';
  const upcoming = round.status === 'pending' && stageIndex > round.currentStage;
  return stage.slots
    .map((slot, i) => {
      // A stage that has ended shows only the decisions it counted: one that arrived too late is
      // being withdrawn by its own request, so the card never shows it (and cannot change after).
      const d = decisions.find((x) => x.stageIndex === stageIndex && x.slotIndex === i && (!outcome || outcome.countedSlots.includes(i)));
      const who = slot.source.kind === 'group' ? `${slot.label} (${slot.candidates.map((c) => c.name).join(', ')})` : slot.label;
      if (d?.decision === 'approve') return `✅ ${slot.label}: approved by ${deciderName(stage, d)} at ${formatInstant(d.at)}`;
      if (d?.decision === 'reject') return `❌ ${slot.label}: rejected by ${deciderName(stage, d)} at ${formatInstant(d.at)}: ${d.reason ?? ''}`;
      if (upcoming) return `• ${who}: later`;
      return ended ? `– ${who}: not needed` : `⏳ ${who}: waiting`;
    })
    .join('\n');
}

function outcomeLine(round: ApprovalRound, decisions: readonly ApprovalDecision[]): string | undefined {
  const last = round.outcomes.find((o) => o.stageIndex === round.currentStage);
  if (round.status === 'approved' && last) return `Approved by ${outcomeByName(round, round.currentStage, decisions)} at ${formatInstant(last.at)}.`;
  if (round.status === 'rejected' && last) {
    return `Rejected by ${outcomeByName(round, round.currentStage, decisions)} at ${formatInstant(last.at)}: ${last.reason ?? ''}`;
  }
  if (round.status === 'superseded')
    return `Superseded: this round was replaced by a resubmission${round.finishedAt ? ` at ${formatInstant(round.finishedAt)}` : ''}.`;
  return undefined;
}

/** The approval card posted to approval channels and approvers' DMs, and updated in place. */
export function approvalCardMessage(contract: Contract, round: ApprovalRound, decisions: readonly ApprovalDecision[]): ChatMessage {
  const pending = round.status === 'pending';
  const heading = stageHeading(round, round.currentStage);
  const sections: CardSection[] = [{ kind: 'fields', fields: termFields(contract) }, { kind: 'divider' }];
  round.stages.forEach((stage, i) => {
    const marker = pending && i === round.currentStage ? ' (current)' : '';
    sections.push({ kind: 'text', text: `${stageHeading(round, i)}${marker}${requireText(stage)}\n${slotLines(round, i, decisions)}` });
  });
  const outcome = outcomeLine(round, decisions);
  if (outcome) sections.push({ kind: 'context', text: outcome });
  const statusWord = { pending: 'Approval needed', approved: 'Approved', rejected: 'Rejected', superseded: 'Superseded' }[round.status];
  const value = { roundId: round.id, stage: String(round.currentStage) };
  return {
    text: pending
      ? `Approval needed: ${contract.ref} ${contract.title} (${contract.counterparty}), ${heading}.`
      : `${contract.ref} ${contract.title}: ${outcome ?? statusWord}`,
    card: {
      title: `${statusWord}: ${contract.title}`,
      subtitle: `${contract.ref} · round ${round.round} · version ${round.contractVersion}${pending ? ` · ${heading}` : ''}`,
      sections,
      ...(pending
        ? {
            actions: [
              { id: APPROVAL_ACTIONS.approve, label: 'Approve', style: 'primary' as const, value },
              {
                id: APPROVAL_ACTIONS.reject,
                label: 'Reject',
                style: 'danger' as const,
                value,
                input: { id: 'reason', label: 'Reason', placeholder: 'What needs to change?', required: true },
              },
            ],
          }
        : {}),
    },
  };
}

/** The DM to the requester when their round moves: a stage passed, approved, or rejected. */
export function requesterUpdateMessage(contract: Contract, round: ApprovalRound, decisions: readonly ApprovalDecision[]): ChatMessage {
  const name = `${contract.ref} ${contract.title} (${contract.counterparty})`;
  let text: string;
  if (round.status === 'approved') {
    text = `${name} is approved. ${outcomeLine(round, decisions) ?? ''} Next: send it for signature, then mark it signed.`;
  } else if (round.status === 'rejected') {
    text =
      `${name} was rejected. ${outcomeLine(round, decisions) ?? ''}\n` +
      `To continue, revise the draft to address the reason and resubmit ${contract.ref}: that starts a new approval round on a new version.`;
  } else if (round.status === 'superseded') {
    text = `${name}: approval round ${round.round} was replaced by a resubmission.`;
  } else {
    const done = round.currentStage > 0 ? `${stageHeading(round, round.currentStage - 1)} is approved. ` : '';
    text = `${name}: ${done}Now waiting on ${stageHeading(round, round.currentStage)}.`;
  }
  return {
    text,
    card: {
      title: `${contract.ref}: ${{ pending: 'in review', approved: 'approved', rejected: 'rejected', superseded: 'resubmitted' }[round.status]}`,
      sections: [{ kind: 'text', text }],
    },
  };
}
