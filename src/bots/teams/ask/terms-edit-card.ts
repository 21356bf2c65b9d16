import type { Money } from '../../../core/domain/money.js';
import { PROPOSED_FIELDS, type ProposedField, type TermProposal } from '../../../core/domain/term-proposal.js';
import { FIELD_LABELS, formatProposedValue } from '../../../core/views/proposed-terms-message.js';
import { adaptiveCard, type AdaptiveCard } from '../adaptive-card.js';

export const TERMS_SUBMIT_VERB = 'terms.submit';

function initialValue(field: ProposedField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field === 'value') return `${(value as Money).currency} ${formatProposedValue(field, value).replace(/[^\d.,]/g, '')}`;
  if (field === 'renewalTermMonths' || field === 'noticePeriodDays') return String(value);
  return formatProposedValue(field, value);
}

/** The correction form: one input per term (ids are the field names), prefilled; Confirm submits. */
export function termsEditCard(proposal: TermProposal, errors: Record<string, string> = {}, values?: Record<string, string>): AdaptiveCard {
  const body = [
    { type: 'TextBlock', text: `Correct the terms of ${proposal.fileName}`, weight: 'Bolder', size: 'Medium', wrap: true },
    ...(errors._ ? [{ type: 'TextBlock', text: errors._, color: 'Attention', wrap: true }] : []),
    ...PROPOSED_FIELDS.flatMap((field) => [
      { type: 'Input.Text', id: field, label: FIELD_LABELS[field], value: values?.[field] ?? initialValue(field, proposal.terms[field]) },
      ...(errors[field] ? [{ type: 'TextBlock', text: `${FIELD_LABELS[field]} ${errors[field]}`, color: 'Attention', size: 'Small', wrap: true, spacing: 'None' }] : []),
    ]),
  ];
  return adaptiveCard(body, {
    actions: [{ type: 'Action.Execute', title: 'Confirm', verb: TERMS_SUBMIT_VERB, style: 'positive', data: { proposalId: proposal.id }, associatedInputs: 'auto' }],
  });
}
