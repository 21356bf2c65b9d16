import { effectiveEndDate, STATUS_LABELS, type Contract } from '../../core/domain/contract.js';
import { formatMoney } from '../../core/domain/money.js';
import type { ChatMessage } from '../../core/views/chat-message.js';
import { TEAMS_COMMANDS } from './teams-commands.js';

export function helpMessage(problem?: string): ChatMessage {
  const lines = TEAMS_COMMANDS.map((c) => `**${c.title}**: ${c.description}`).join('\n\n');
  return {
    text: `${problem ? `${problem} ` : ''}Clause commands: ${TEAMS_COMMANDS.map((c) => c.title).join(', ')}.`,
    card: {
      title: 'Clause: your contract desk in Teams',
      sections: [...(problem ? [{ kind: 'context' as const, text: problem }] : []), { kind: 'text', text: lines }],
    },
  };
}

export function comingSoonMessage(what: string): ChatMessage {
  const text = `${what} is coming soon. Meanwhile, try "contract list" or "contract show C-2026-0042".`;
  return { text };
}

export function contractListMessage(contracts: readonly Contract[]): ChatMessage {
  if (contracts.length === 0) return { text: 'You have no open contracts. Say "contract new" to request one.' };
  const text = contracts.map((c) => `${c.ref} · ${c.title} · ${c.counterparty} · ${STATUS_LABELS[c.status]}`).join('\n\n');
  return {
    text: `Your contracts: ${contracts.map((c) => c.ref).join(', ')}`,
    card: { title: `Your contracts (${contracts.length})`, sections: [{ kind: 'text', text }] },
  };
}

export function contractDetailMessage(c: Contract): ChatMessage {
  const end = effectiveEndDate(c);
  const fields = [
    { label: 'Status', value: STATUS_LABELS[c.status] },
    { label: 'Type', value: c.type.toUpperCase().replace(/_/g, ' ') },
    { label: 'Counterparty', value: c.counterparty },
    { label: 'Value', value: c.value ? formatMoney(c.value) : 'not stated' },
    ...(c.startDate ? [{ label: 'Start', value: c.startDate }] : []),
    ...(end ? [{ label: 'End', value: end }] : []),
    { label: 'Auto-renewal', value: c.autoRenews ? `Yes${c.renewalTermMonths ? `, ${c.renewalTermMonths}-month terms` : ''}` : 'No' },
    ...(c.noticePeriodDays !== undefined ? [{ label: 'Notice period', value: `${c.noticePeriodDays} days` }] : []),
    { label: 'Owner', value: c.owner.displayName ?? c.owner.email ?? c.owner.id },
  ];
  return {
    text: `${c.ref} ${c.title} (${c.counterparty}): ${STATUS_LABELS[c.status]}`,
    card: { title: `${c.ref}: ${c.title}`, sections: [{ kind: 'fields', fields }] },
  };
}

export function requestConfirmationMessage(c: Pick<Contract, 'ref' | 'title' | 'counterparty'>, nextStep: string): ChatMessage {
  return {
    text: `Requested ${c.ref}: ${c.title} (${c.counterparty}). ${nextStep}`,
    card: {
      title: `✅ Requested ${c.ref}`,
      subtitle: `${c.title} · ${c.counterparty}`,
      sections: [{ kind: 'text', text: nextStep }, { kind: 'context', text: `Say "contract show ${c.ref}" to see it.` }],
    },
  };
}

/** Universal Action verbs that move a contract on after approval (the same ids Slack uses). */
export const LIFECYCLE_VERBS = { resubmit: 'contract.resubmit', markSent: 'contract.mark_sent', markSigned: 'contract.mark_signed' } as const;

const NEXT_STEP: Partial<Record<Contract['status'], { text: string; action?: { id: string; label: string; input?: boolean } }>> = {
  approved: {
    text: 'is approved. Next: send it to the counterparty for signature, then choose "Mark sent for signature".',
    action: { id: LIFECYCLE_VERBS.markSent, label: 'Mark sent for signature' },
  },
  sent_for_signature: {
    text: 'is out for signature. When it is signed, choose "Mark signed" and give the signed date.',
    action: { id: LIFECYCLE_VERBS.markSigned, label: 'Mark signed', input: true },
  },
  rejected: {
    text: 'was rejected. Address the reason, then choose "Revise and resubmit" to start a new approval round.',
    action: { id: LIFECYCLE_VERBS.resubmit, label: 'Revise and resubmit' },
  },
  active: { text: 'is signed and active.' },
  in_review: { text: 'is in review.' },
};

/** The owner's or requester's card with the one button that moves the contract on. */
export function nextStepMessage(c: Contract, note?: string): ChatMessage {
  const step = NEXT_STEP[c.status];
  const text = `${c.ref} ${c.title} (${c.counterparty}) ${step?.text ?? `is ${STATUS_LABELS[c.status].toLowerCase()}.`}`;
  const action = step?.action;
  return {
    text,
    card: {
      title: `${c.ref}: ${STATUS_LABELS[c.status]}`,
      sections: [{ kind: 'text', text }, ...(note ? [{ kind: 'context' as const, text: note }] : [])],
      ...(action
        ? {
            actions: [
              {
                id: action.id,
                label: action.label,
                style: 'primary' as const,
                value: { contractId: c.id },
                ...(action.input ? { input: { id: 'signedDate', label: 'Signed on (YYYY-MM-DD)', placeholder: '2026-03-01', required: true } } : {}),
              },
            ],
          }
        : {}),
    },
  };
}
