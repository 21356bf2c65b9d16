import type { types } from '@slack/bolt';
import { listTemplates } from '../../../core/templates/registry.js';
import { REQUEST_FIELDS as F, SLACK_VIEWS } from '../slack-ids.js';
import { plainText } from '../render/mrkdwn.js';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'SEK', 'INR', 'SGD'];

type Input = types.InputBlock;

function input(id: string, label: string, element: Input['element'], options: { optional?: boolean; hint?: string } = {}): Input {
  return {
    type: 'input',
    block_id: id,
    label: plainText(label, 2000),
    element,
    optional: options.optional ?? true,
    ...(options.hint ? { hint: plainText(options.hint, 2000) } : {}),
  };
}

const option = (text: string, value: string) => ({ text: plainText(text, 75), value });

/**
 * The "request a contract" modal. Block ids double as action ids, so a submission's values read
 * `state.values[id][id]` and field errors are keyed by the same id.
 */
export function requestModalView(input_: { requesterId: string; templateId?: string; channelId?: string }): types.ModalView {
  const templates = listTemplates();
  const initialTemplate = templates.find((t) => t.id === input_.templateId);
  const templateOptions = templates.map((t) => option(`${t.name}: ${t.description}`, t.id));
  return {
    type: 'modal',
    callback_id: SLACK_VIEWS.request,
    title: plainText('Request a contract', 24),
    submit: plainText('Submit for approval', 24),
    close: plainText('Cancel', 24),
    private_metadata: JSON.stringify({ channelId: input_.channelId ?? '' }),
    blocks: [
      input(
        F.template,
        'Contract type',
        {
          type: 'static_select',
          action_id: F.template,
          placeholder: plainText('Pick a template'),
          options: templateOptions,
          ...(initialTemplate ? { initial_option: templateOptions[templates.indexOf(initialTemplate)] } : {}),
        },
        { optional: false },
      ),
      input(F.counterparty, 'Counterparty', { type: 'plain_text_input', action_id: F.counterparty, max_length: 200 }, { optional: false }),
      input(F.title, 'Title', { type: 'plain_text_input', action_id: F.title, max_length: 200 }, { hint: 'Leave empty for "<type> with <counterparty>".' }),
      input(F.value, 'Value', { type: 'plain_text_input', action_id: F.value, placeholder: plainText('25,000') }),
      input(F.currency, 'Currency', {
        type: 'static_select',
        action_id: F.currency,
        options: CURRENCIES.map((c) => option(c, c)),
        initial_option: option('USD', 'USD'),
      }),
      input(F.startDate, 'Start date', { type: 'datepicker', action_id: F.startDate }, { optional: false }),
      input(F.termMonths, 'Term (months)', { type: 'number_input', action_id: F.termMonths, is_decimal_allowed: false, min_value: '1' }, { hint: 'Give a term or an end date.' }),
      input(F.endDate, 'End date', { type: 'datepicker', action_id: F.endDate }),
      input(F.autoRenews, 'Renewal', {
        type: 'checkboxes',
        action_id: F.autoRenews,
        options: [option('Renews automatically', 'yes')],
      }),
      input(F.renewalTermMonths, 'Renewal term (months)', { type: 'number_input', action_id: F.renewalTermMonths, is_decimal_allowed: false, min_value: '1' }),
      input(F.noticePeriodDays, 'Notice period (days)', { type: 'number_input', action_id: F.noticePeriodDays, is_decimal_allowed: false, min_value: '0' }, { optional: false }),
      input(F.governingLaw, 'Governing law', { type: 'plain_text_input', action_id: F.governingLaw, max_length: 120, placeholder: plainText('the laws of the State of New York') }, { optional: false }),
      input(F.owner, 'Owner', { type: 'users_select', action_id: F.owner, initial_user: input_.requesterId }, { optional: false }),
      input(F.notes, 'Additional terms', { type: 'plain_text_input', action_id: F.notes, multiline: true, max_length: 2000 }, { hint: 'Printed in the draft as "Additional Terms"; approvers see them too.' }),
    ],
  };
}
