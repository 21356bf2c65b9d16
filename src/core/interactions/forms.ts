import { z } from 'zod';
import { ZTermCorrections } from '../ask/term-corrections.js';
import { calendarDateIn, ZCalendarDate, type CalendarDate } from '../domain/calendar-date.js';
import type { Money } from '../domain/money.js';
import { PROPOSED_FIELDS, type ProposedField, type TermProposal } from '../domain/term-proposal.js';
import { FIELD_LABELS, formatProposedValue } from '../views/proposed-terms-message.js';
import { inputText, issuesToErrors, type FormInputs, type FormParse, type FormView } from './form.js';
import { parseRequestForm, REQUEST_FORM_ID, type ContractRequest } from './request-form.js';

/** Every form's id. Slack uses it as the modal's callback id (dots become underscores), Teams as the submit verb. */
export const FORM_IDS = {
  request: REQUEST_FORM_ID,
  rejectReason: 'approval.reject_reason',
  resubmit: 'contract.resubmit',
  markSigned: 'contract.mark_signed',
  termsEdit: 'contract.terms_edit',
  renewalReassign: 'renewal.reassign',
  cancelSignature: 'contract.cancel_signature',
} as const;
export type FormId = (typeof FORM_IDS)[keyof typeof FORM_IDS];

const REJECT_REASON_FIELD = 'reason';
const CHANGE_NOTE_FIELD = 'change_note';
const SIGNED_DATE_FIELD = 'signed_date';
export const NEW_OWNER_FIELD = 'new_owner';
const CANCEL_REASON_FIELD = 'reason';

/** Reject: why, for the requester. `context` is the round and stage the card showed. */
export function rejectReasonForm(context: { roundId: string; stage: number }): FormView {
  return {
    spec: {
      id: FORM_IDS.rejectReason,
      title: 'Reject contract',
      submitLabel: 'Reject',
      intro: 'A reason is required, so the requester knows what to change.',
      fields: [
        {
          id: REJECT_REASON_FIELD,
          kind: 'multiline',
          label: 'Reason',
          required: true,
          maxLength: 2000,
          placeholder: 'What needs to change?',
          hint: 'The requester sees this, so say what needs to change.',
        },
      ],
    },
    context: { roundId: context.roundId, stage: String(context.stage) },
  };
}

/** Revise and resubmit: what changed, for the approvers of the new round and the history. */
export function resubmitForm(context: { contractId: string }): FormView {
  return {
    spec: {
      id: FORM_IDS.resubmit,
      title: 'Revise and resubmit',
      submitLabel: 'Resubmit',
      fields: [
        {
          id: CHANGE_NOTE_FIELD,
          kind: 'multiline',
          label: 'What did you change?',
          required: true,
          maxLength: 1000,
          hint: 'Recorded with the new version, so the approvers see how the rejection was addressed.',
        },
      ],
    },
    context: { contractId: context.contractId },
  };
}

/** Mark signed: the date both parties signed (today by default). */
export function markSignedForm(context: { contractId: string }, today: CalendarDate): FormView {
  return {
    spec: {
      id: FORM_IDS.markSigned,
      title: 'Mark signed',
      submitLabel: 'Mark signed',
      intro: 'When was the contract signed by both parties?',
      fields: [{ id: SIGNED_DATE_FIELD, kind: 'date', label: 'Signed date', required: true, initial: today }],
    },
    context: { contractId: context.contractId },
  };
}

/** Cancel a signature request (ESIGN_PROVIDER): why, for the signers and the history. */
export function cancelSignatureForm(context: { contractId: string }): FormView {
  return {
    spec: {
      id: FORM_IDS.cancelSignature,
      title: 'Cancel signature request',
      submitLabel: 'Cancel request',
      intro: 'The envelope is voided at the provider and the contract goes back to approved, to be fixed and sent again.',
      fields: [
        { id: CANCEL_REASON_FIELD, kind: 'multiline', label: 'Why cancel the signature request?', required: true, maxLength: 500, placeholder: 'Wrong signer' },
      ],
    },
    context: { contractId: context.contractId },
  };
}

/** Reassign a renewal: who owns it from now on. */
export function renewalReassignForm(context: { contractId: string; termEnd: string }): FormView {
  return {
    spec: {
      id: FORM_IDS.renewalReassign,
      title: 'Reassign renewal',
      submitLabel: 'Reassign',
      fields: [
        {
          id: NEW_OWNER_FIELD,
          kind: 'user',
          label: 'New owner',
          required: true,
          placeholder: 'Pick a person',
          hint: 'They become the contract owner and get the renewal reminders.',
        },
      ],
    },
    context: { contractId: context.contractId, termEnd: context.termEnd },
  };
}

const TERMS_HINTS: Partial<Record<ProposedField, string>> = {
  value: 'e.g. USD 120,000',
  startDate: 'YYYY-MM-DD',
  endDate: 'YYYY-MM-DD',
  autoRenews: 'yes or no',
  renewalTermMonths: 'months',
  noticePeriodDays: 'days',
  type: 'nda, msa, sow, order_form, …',
};

/** The edit form's initial value: what the user would type, not the display form. */
function termInitial(field: ProposedField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field === 'value') return `${(value as Money).currency} ${formatProposedValue(field, value).replace(/[^\d.,]/g, '')}`;
  if (field === 'renewalTermMonths' || field === 'noticePeriodDays') return String(value);
  return formatProposedValue(field, value);
}

/** Correct the terms read from an upload: one text field per term, prefilled; submitting confirms. */
export function termsEditForm(proposal: TermProposal): FormView {
  return {
    spec: {
      id: FORM_IDS.termsEdit,
      title: 'Correct the terms',
      submitLabel: 'Confirm',
      fields: PROPOSED_FIELDS.map((field) => {
        const initial = termInitial(field, proposal.terms[field]);
        return {
          id: field,
          kind: 'text' as const,
          label: FIELD_LABELS[field],
          required: false,
          ...(initial ? { initial } : {}),
          ...(TERMS_HINTS[field] ? { placeholder: TERMS_HINTS[field] } : {}),
        };
      }),
    },
    context: { proposalId: proposal.id },
  };
}

const ZRejectReason = z.object({
  [REJECT_REASON_FIELD]: z.string({ message: 'A reason is required, so the requester knows what to change.' }).max(2000, 'must be at most 2000 characters'),
});
const ZCancelReason = z.object({
  [CANCEL_REASON_FIELD]: z
    .string({ error: 'Say why the request is cancelled.' })
    .trim()
    .min(1, 'Say why the request is cancelled.')
    .max(500, 'At most 500 characters.'),
});
const ZChangeNote = z.object({
  [CHANGE_NOTE_FIELD]: z.string({ message: 'say what changed, so the approvers can check it' }).max(1000, 'must be at most 1000 characters'),
});
const ZNewOwner = z.object({ [NEW_OWNER_FIELD]: z.string({ message: 'Pick the person who should own this renewal.' }).max(200) });

/** The signed date: a real date, not in the future (a day of slack for time zones ahead of UTC). */
function signedDateSchema(now: Date) {
  const latest = calendarDateIn(new Date(now.getTime() + 86_400_000));
  return z.object({
    [SIGNED_DATE_FIELD]: z
      .string({ message: 'pick the date it was signed' })
      .pipe(ZCalendarDate)
      .refine((d) => d <= latest, 'is in the future; pick the date it was signed'),
  });
}

function pick<S extends z.ZodType>(schema: S, inputs: FormInputs, ids: readonly string[]): FormParse<z.output<S>> {
  const raw = Object.fromEntries(ids.map((id) => [id, inputText(inputs, id)]));
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: issuesToErrors(parsed.error.issues, (h) => h) };
}

/** Each form's values once parsed. */
export interface FormValues {
  'contract.request': ContractRequest;
  'approval.reject_reason': { reason: string };
  'contract.resubmit': { note: string };
  'contract.mark_signed': { signedDate: CalendarDate };
  'contract.terms_edit': { corrections: Record<string, string> };
  'renewal.reassign': { newOwner: string };
  'contract.cancel_signature': { reason: string };
}

/** Checks a submission of `formId`: the same rules on every platform, errors keyed by field id. */
export function parseForm<I extends FormId>(formId: I, inputs: FormInputs, now: Date): FormParse<FormValues[I]>;
export function parseForm(formId: FormId, inputs: FormInputs, now: Date): FormParse<FormValues[FormId]> {
  switch (formId) {
    case FORM_IDS.request:
      return parseRequestForm(inputs);
    case FORM_IDS.rejectReason: {
      const r = pick(ZRejectReason, inputs, [REJECT_REASON_FIELD]);
      return r.ok ? { ok: true, value: { reason: r.value.reason } } : r;
    }
    case FORM_IDS.resubmit: {
      const r = pick(ZChangeNote, inputs, [CHANGE_NOTE_FIELD]);
      return r.ok ? { ok: true, value: { note: r.value.change_note } } : r;
    }
    case FORM_IDS.markSigned: {
      const r = pick(signedDateSchema(now), inputs, [SIGNED_DATE_FIELD]);
      return r.ok ? { ok: true, value: { signedDate: r.value.signed_date } } : r;
    }
    case FORM_IDS.cancelSignature: {
      const r = pick(ZCancelReason, inputs, [CANCEL_REASON_FIELD]);
      return r.ok ? { ok: true, value: { reason: r.value.reason } } : r;
    }
    case FORM_IDS.renewalReassign: {
      const r = pick(ZNewOwner, inputs, [NEW_OWNER_FIELD]);
      return r.ok ? { ok: true, value: { newOwner: r.value.new_owner } } : r;
    }
    case FORM_IDS.termsEdit: {
      const corrections = Object.fromEntries(PROPOSED_FIELDS.map((f) => [f, inputText(inputs, f) ?? '']));
      const parsed = ZTermCorrections.safeParse(corrections);
      if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues, (h) => h) };
      return { ok: true, value: { corrections } };
    }
  }
}

export function isFormId(id: string): id is FormId {
  return (Object.values(FORM_IDS) as string[]).includes(id);
}
