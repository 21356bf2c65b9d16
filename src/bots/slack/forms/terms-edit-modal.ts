import type { types } from '@slack/bolt';
import { FIELD_LABELS, formatProposedValue } from '../../../core/views/proposed-terms-message.js';
import { PROPOSED_FIELDS, type ProposedField, type TermProposal } from '../../../core/domain/term-proposal.js';
import type { Money } from '../../../core/domain/money.js';
import { plainText } from '../render/mrkdwn.js';
import { SLACK_VIEWS } from '../slack-ids.js';

const HINTS: Partial<Record<ProposedField, string>> = {
  value: 'e.g. USD 120,000',
  startDate: 'YYYY-MM-DD',
  endDate: 'YYYY-MM-DD',
  autoRenews: 'yes or no',
  renewalTermMonths: 'months',
  noticePeriodDays: 'days',
  type: 'nda, msa, sow, order_form, …',
};

/** The edit form's initial value: what the user would type, not the display form. */
function initialValue(field: ProposedField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field === 'value') {
    const m = value as Money;
    return `${m.currency} ${formatProposedValue(field, m).replace(/[^\d.,]/g, '')}`;
  }
  if (field === 'renewalTermMonths' || field === 'noticePeriodDays') return String(value);
  return formatProposedValue(field, value);
}

/** One text input per proposed term, prefilled; block ids are the field names. */
export function termsEditModal(proposal: TermProposal, responseUrl?: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: SLACK_VIEWS.termsEdit,
    title: plainText('Correct the terms', 24),
    submit: plainText('Confirm', 24),
    close: plainText('Cancel', 24),
    private_metadata: JSON.stringify({ proposalId: proposal.id, ...(responseUrl ? { responseUrl } : {}) }),
    blocks: PROPOSED_FIELDS.map((field) => {
      const initial = initialValue(field, proposal.terms[field]);
      return {
        type: 'input' as const,
        block_id: field,
        optional: true,
        label: plainText(FIELD_LABELS[field]),
        element: {
          type: 'plain_text_input' as const,
          action_id: field,
          ...(initial ? { initial_value: initial } : {}),
          ...(HINTS[field] ? { placeholder: plainText(HINTS[field]!) } : {}),
        },
      };
    }),
  };
}
