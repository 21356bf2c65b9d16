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
/** The lifecycle verbs are the core's contract actions (the same ids as in Slack). */
export { CONTRACT_ACTIONS as LIFECYCLE_VERBS, nextStepMessage } from '../../core/views/contract-views.js';
