import type { ApprovalDecision, ApprovalRound } from '../domain/approval-round.js';
import type { AuditEvent } from '../domain/audit-event.js';
import type { CalendarDate } from '../domain/calendar-date.js';
import { effectiveEndDate, latestVersion, STATUS_LABELS, type Contract } from '../domain/contract.js';
import { formatMoney } from '../domain/money.js';
import { noticeDeadline as deadlineBefore } from '../domain/renewal-schedule.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import { formatInstant, stageHeading } from './approval-card.js';
import type { CardAction, CardSection, ChatMessage } from './chat-message.js';
import type { SignatureRequest } from '../ports/signature-requests.js';

/**
 * Contract messages both chat surfaces show: the one-line summary, the key-term fields, the
 * next-step buttons and the `show` summary. Adapters only render them.
 */

/** The buttons that move a contract on after approval (same ids on Slack and Teams). */
export const CONTRACT_ACTIONS = {
  resubmit: 'contract.resubmit',
  markSent: 'contract.mark_sent',
  markSigned: 'contract.mark_signed',
  /** E-signature (ESIGN_PROVIDER): send the signing e-mail again / void the envelope. */
  resendSignature: 'contract.resend_signature',
  cancelSignature: 'contract.cancel_signature',
} as const;

/** The reason the "Cancel signature request" action asks for. */
const CANCEL_REASON_INPUT = { id: 'reason', label: 'Why cancel the signature request?', placeholder: 'Wrong signer', required: true } as const;

/** The signed date the "Mark signed" action asks for (a modal in Slack, a card input in Teams). */
const SIGNED_DATE_INPUT = { id: 'signed_date', label: 'Signed on (YYYY-MM-DD)', placeholder: '2026-03-01', required: true } as const;

/** What changed, which "Revise and resubmit" asks for (a modal in Slack, a card input in Teams). */
const CHANGE_NOTE_INPUT = { id: 'change_note', label: 'What did you change?', placeholder: 'Capped liability at 12 months of fees', required: true } as const;

const who = (u: UserRef) => u.displayName ?? u.email ?? u.id;

export function contractLine(c: Contract): string {
  const value = c.value ? ` · ${formatMoney(c.value)}` : '';
  return `${c.ref} ${c.title} (${c.counterparty})${value} · ${STATUS_LABELS[c.status]}`;
}

/** The notice deadline: the last day to give notice before the end date. */
export function noticeDeadline(c: Contract): CalendarDate | undefined {
  const end = effectiveEndDate(c);
  return end && c.noticePeriodDays !== undefined ? deadlineBefore(end, c.noticePeriodDays) : undefined;
}

/** The key terms as card fields. */
function contractFields(c: Contract): Array<{ label: string; value: string }> {
  const end = effectiveEndDate(c);
  const deadline = noticeDeadline(c);
  return [
    { label: 'Status', value: STATUS_LABELS[c.status] },
    { label: 'Type', value: c.type.toUpperCase().replace(/_/g, ' ') },
    { label: 'Counterparty', value: c.counterparty },
    { label: 'Value', value: c.value ? formatMoney(c.value) : 'not stated' },
    ...(c.startDate ? [{ label: 'Start', value: c.startDate }] : []),
    ...(end ? [{ label: 'End', value: end }] : []),
    { label: 'Auto-renewal', value: c.autoRenews ? `Yes${c.renewalTermMonths ? `, ${c.renewalTermMonths} months` : ''}` : 'No' },
    ...(c.noticePeriodDays !== undefined ? [{ label: 'Notice period', value: `${c.noticePeriodDays} days` }] : []),
    ...(deadline ? [{ label: 'Notice deadline', value: deadline }] : []),
    { label: 'Owner', value: who(c.owner) },
    { label: 'Version', value: String(latestVersion(c)?.number ?? 0) },
  ];
}

/**
 * The button that moves a contract on from where it is. With a viewer, only for its owner or
 * requester (a message anyone may see); without, the message is already addressed to them.
 */
export function nextStepActions(c: Contract, viewer?: UserRef, signature?: SignatureRequest | null): CardAction[] {
  if (viewer && !isSameUser(viewer, c.owner) && !isSameUser(viewer, c.requester)) return [];
  const value = { contractId: c.id };
  if (c.status === 'rejected')
    return [{ id: CONTRACT_ACTIONS.resubmit, label: 'Revise and resubmit', style: 'primary', value, input: { ...CHANGE_NOTE_INPUT } }];
  if (c.status === 'approved') return [{ id: CONTRACT_ACTIONS.markSent, label: 'Mark sent for signature', style: 'primary', value }];
  if (c.status === 'sent_for_signature' && signature?.status === 'sent') {
    // Out with an e-signature provider: its callback marks it signed; the owner may nudge or void it.
    return [
      { id: CONTRACT_ACTIONS.resendSignature, label: 'Resend signature request', value },
      { id: CONTRACT_ACTIONS.cancelSignature, label: 'Cancel signature request', style: 'danger', value, input: { ...CANCEL_REASON_INPUT } },
    ];
  }
  if (c.status === 'sent_for_signature') {
    return [{ id: CONTRACT_ACTIONS.markSigned, label: 'Mark signed', style: 'primary', value, input: { ...SIGNED_DATE_INPUT } }];
  }
  return [];
}

const NEXT_STEP_TEXT: Partial<Record<Contract['status'], string>> = {
  approved: 'is approved. Next: send it to the counterparty for signature, then choose "Mark sent for signature".',
  sent_for_signature: 'is out for signature. When it is signed, choose "Mark signed" and give the signed date.',
  rejected: 'was rejected. Address the reason, then choose "Revise and resubmit" to start a new approval round.',
  active: 'is signed and active.',
  in_review: 'is in review.',
};

/** A message to the owner or requester with the one button that moves the contract on (with an open envelope: resend / cancel). */
export function nextStepMessage(c: Contract, user?: UserRef, note?: string, signature?: SignatureRequest | null): ChatMessage {
  const viaProvider = c.status === 'sent_for_signature' && signature?.status === 'sent';
  const step = viaProvider
    ? `is out for signature with ${PROVIDER_NAMES[signature.provider]} (to ${signature.signers.map((s) => s.email).join(', ')}). Clause marks it signed when everyone has signed.`
    : (NEXT_STEP_TEXT[c.status] ?? `is ${STATUS_LABELS[c.status].toLowerCase()}.`);
  const text = `${c.ref} ${c.title} (${c.counterparty}) ${step}`;
  const actions = nextStepActions(c, user, signature);
  return {
    text: note ? `${text}\n${note}` : text,
    card: {
      title: `${c.ref}: ${STATUS_LABELS[c.status]}`,
      sections: [{ kind: 'text', text }, ...(note ? [{ kind: 'context' as const, text: note }] : [])],
      ...(actions.length ? { actions } : {}),
    },
  };
}

/** The requester's DM after a request: the reference and what happens next. */
export function submittedMessage(c: Contract, round: ApprovalRound): ChatMessage {
  const stages = round.stages.map((s, i) => `${i + 1}. ${s.name}: ${s.slots.map((slot) => slot.label).join(', ')}`).join('\n');
  const text =
    `Your request is in: ${c.ref} ${c.title} (${c.counterparty}), version ${round.contractVersion}.\n` +
    (round.status === 'pending' ? `Waiting on ${stageHeading(round, round.currentStage)}.\n` : `Approval: ${round.status}.\n`) +
    `What happens next: it goes through ${round.stages.length} approval stage${round.stages.length === 1 ? '' : 's'}:\n${stages}\n` +
    `I will message you here when it is approved, or if an approver asks for changes. The draft is attached.`;
  return { text, card: { title: `✅ Requested ${c.ref}`, subtitle: `${c.title} · ${c.counterparty}`, sections: [{ kind: 'text', text }] } };
}

function roundLine(round: ApprovalRound, decisions: readonly ApprovalDecision[]): string {
  const mine = decisions.filter((d) => d.roundId === round.id);
  const head =
    round.status === 'pending'
      ? `pending at ${stageHeading(round, round.currentStage)}`
      : `${round.status}${round.finishedAt ? ` ${formatInstant(round.finishedAt)}` : ''}`;
  const lines = mine.map((d) => {
    const stage = round.stages[d.stageIndex];
    const name = stage?.slots[d.slotIndex]?.candidates.find((p) => p.personId === d.personId)?.name ?? who(d.approver);
    return `   ${d.decision === 'approve' ? '✅' : '❌'} ${stage?.name ?? `stage ${d.stageIndex + 1}`}: ${name} ${formatInstant(d.at)}${d.reason ? `: ${d.reason}` : ''}`;
  });
  return [`Round ${round.round} (version ${round.contractVersion}): ${head}`, ...lines].join('\n');
}

function historyLine(e: AuditEvent): string {
  const move = e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? ` (${STATUS_LABELS[e.fromStatus]} → ${STATUS_LABELS[e.toStatus]})` : '';
  const reason = typeof e.details?.reason === 'string' ? `: ${e.details.reason}` : '';
  return `${formatInstant(e.at)} ${e.action.replace(/_/g, ' ')} by ${who(e.actor)}${move}${reason}`;
}

const SIGNER_MARK = { pending: '⏳', signed: '✅', rejected: '❌' } as const;
const PROVIDER_NAMES: Record<SignatureRequest['provider'], string> = { documenso: 'Documenso', docusign: 'DocuSign' };
const ENVELOPE_STATE: Record<SignatureRequest['status'], string> = {
  sent: 'out for signature',
  completed: 'signed by everyone',
  rejected: 'declined',
  cancelled: 'cancelled',
};

/** The signature state: where it was sent, to whom, who signed and when, and a link to the envelope. */
function signatureSection(r: SignatureRequest): string {
  const lines = r.signers.map(
    (s) =>
      `   ${SIGNER_MARK[s.status]} ${s.name} <${s.email}>: ${s.status === 'signed' ? `signed${s.signedAt ? ` ${formatInstant(s.signedAt)}` : ''}` : s.status === 'rejected' ? 'declined' : 'not signed yet'}`,
  );
  const head = `Signature (${PROVIDER_NAMES[r.provider]}): ${ENVELOPE_STATE[r.status]}, sent ${formatInstant(r.sentAt)} by ${who(r.sentBy)}${r.resentAt ? `, reminded ${formatInstant(r.resentAt)}` : ''}${r.reason ? ` (${r.reason})` : ''}`;
  return [head, ...lines, ...(r.url ? [`Envelope: ${r.url}`] : [])].join('\n');
}

/** To the requester and owner when the provider reports the envelope completed, declined or cancelled. */
export function signatureNoticeMessage(c: Contract, r: SignatureRequest, kind: 'completed' | 'rejected' | 'cancelled', detail?: string): ChatMessage {
  const provider = PROVIDER_NAMES[r.provider];
  const text =
    kind === 'completed'
      ? `${c.ref} ${c.title} (${c.counterparty}) is signed by everyone on ${provider} and is now ${STATUS_LABELS[c.status].toLowerCase()}. The signed PDF is stored with the contract.`
      : kind === 'rejected'
        ? `${c.ref} ${c.title} (${c.counterparty}) was declined on ${provider}${detail ? `: ${detail}` : ''}. It is back with you (${STATUS_LABELS[c.status].toLowerCase()}): fix it, then send it for signature again.`
        : `The signature request for ${c.ref} ${c.title} (${c.counterparty}) was cancelled on ${provider}${detail ? `: ${detail}` : ''}. It is ${STATUS_LABELS[c.status].toLowerCase()}.`;
  const actions = kind === 'completed' ? [] : nextStepActions(c);
  return {
    text,
    card: {
      title: `${c.ref}: ${kind === 'completed' ? 'signed' : kind === 'rejected' ? 'signature declined' : 'signature cancelled'}`,
      sections: [
        { kind: 'text', text },
        { kind: 'context', text: signatureSection(r) },
      ],
      ...(actions.length ? { actions } : {}),
    },
  };
}

/** To the requester and owner when one signer has signed and others still have to. */
export function signerSignedMessage(c: Contract, r: SignatureRequest, signer: string): ChatMessage {
  const waiting = r.signers.filter((s) => s.status === 'pending').map((s) => s.name);
  const text = `${signer} signed ${c.ref} ${c.title} (${c.counterparty}) on ${PROVIDER_NAMES[r.provider]}. Still to sign: ${waiting.join(', ')}.`;
  return {
    text,
    card: {
      title: `${c.ref}: ${signer} signed`,
      sections: [
        { kind: 'text', text },
        { kind: 'context', text: signatureSection(r) },
      ],
    },
  };
}

/** `/contract show`: summary, status, approvals and the audit trail (and the signature state, when sent through a provider). */
export function contractSummaryMessage(
  c: Contract,
  rounds: readonly ApprovalRound[],
  decisions: readonly ApprovalDecision[],
  history: readonly AuditEvent[],
  viewer: UserRef,
  signature?: SignatureRequest | null,
): ChatMessage {
  const sections: CardSection[] = [{ kind: 'fields', fields: contractFields(c) }];
  if (signature) sections.push({ kind: 'text', text: signatureSection(signature) });
  sections.push({ kind: 'text', text: rounds.length ? `Approvals\n${rounds.map((r) => roundLine(r, decisions)).join('\n')}` : 'Approvals\nnot submitted yet' });
  const recent = history.slice(-15);
  sections.push({ kind: 'text', text: `History${history.length > recent.length ? ` (last ${recent.length})` : ''}\n${recent.map(historyLine).join('\n')}` });
  const actions = nextStepActions(c, viewer, signature);
  return {
    text: contractLine(c),
    card: { title: `${c.ref}: ${c.title}`, subtitle: STATUS_LABELS[c.status], sections, ...(actions.length ? { actions } : {}) },
  };
}

/**
 * To the requester of a draft another system asked for (a CRM deal): review it and submit it for
 * approval with one click (the resubmit action, which submits a draft as it stands).
 */
export function draftReadyMessage(c: Contract, source: string): ChatMessage {
  const text = `${source} asked for ${c.ref} ${c.title} (${c.counterparty})${c.value ? `, ${formatMoney(c.value)}` : ''}. The draft is ready: review it, then submit it for approval.`;
  return {
    text,
    card: {
      title: `${c.ref}: draft ready for your review`,
      sections: [
        { kind: 'text', text },
        { kind: 'fields', fields: contractFields(c) },
      ],
      actions: [
        {
          id: CONTRACT_ACTIONS.resubmit,
          label: 'Submit for approval',
          style: 'primary',
          value: { contractId: c.id },
          input: { ...CHANGE_NOTE_INPUT, label: 'A note for the approvers' },
        },
      ],
    },
  };
}
