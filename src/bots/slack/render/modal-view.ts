import type { types } from '@slack/bolt';
import type { FieldErrors, FormField, FormView } from '../../../core/interactions/form.js';
import { escapeMrkdwn, plainText } from './mrkdwn.js';

/** What a modal remembers in private_metadata: the form's context, and where to answer. */
export interface ModalMetadata {
  context: Record<string, string>;
  responseUrl?: string;
  fromHome?: boolean;
}

/** Slack callback ids have no dots: `contract.request` → `contract_request`. */
export function callbackIdOf(formId: string): string {
  return formId.replace(/\./g, '_');
}

const SELECT_OPTION_TEXT = 75;
const LABEL_MAX = 2000;
const MODAL_TITLE_MAX = 24;
const PRIVATE_METADATA_MAX = 3000;
const SELECT_OPTIONS_MAX = 100;

const option = (label: string, value: string) => ({ text: plainText(label, SELECT_OPTION_TEXT), value });

function element(field: FormField): types.InputBlock['element'] {
  const placeholder = field.placeholder ? { placeholder: plainText(field.placeholder) } : {};
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return {
        type: 'plain_text_input',
        action_id: field.id,
        ...(field.kind === 'multiline' ? { multiline: true } : {}),
        ...(field.maxLength ? { max_length: field.maxLength } : {}),
        ...(field.initial ? { initial_value: field.initial } : {}),
        ...placeholder,
      };
    case 'number':
      return {
        type: 'number_input',
        action_id: field.id,
        is_decimal_allowed: false,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(field.initial ? { initial_value: field.initial } : {}),
        ...placeholder,
      };
    case 'date':
      return { type: 'datepicker', action_id: field.id, ...(field.initial ? { initial_date: field.initial } : {}), ...placeholder };
    case 'select': {
      const options = (field.options ?? []).slice(0, SELECT_OPTIONS_MAX).map((o) => option(o.label, o.value));
      const initial = options.find((o) => o.value === field.initial);
      return { type: 'static_select', action_id: field.id, options, ...(initial ? { initial_option: initial } : {}), ...placeholder };
    }
    case 'checkbox':
      return {
        type: 'checkboxes',
        action_id: field.id,
        options: [option(field.label, 'yes')],
        ...(field.initial === 'true' ? { initial_options: [option(field.label, 'yes')] } : {}),
      };
    case 'user':
      return { type: 'users_select', action_id: field.id, ...(field.initial ? { initial_user: field.initial } : {}), ...placeholder };
  }
}

/** A neutral form as a modal: one input block per field (block id = action id = field id). */
export function modalView(form: FormView, meta: Omit<ModalMetadata, 'context'>): types.ModalView {
  const { spec } = form;
  const blocks: types.KnownBlock[] = [];
  if (spec.intro) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(spec.intro) } });
  for (const field of spec.fields) {
    blocks.push({
      type: 'input',
      block_id: field.id,
      label: plainText(field.label, LABEL_MAX),
      optional: !field.required,
      element: element(field),
      ...(field.hint ? { hint: plainText(field.hint, LABEL_MAX) } : {}),
    });
  }
  const metadata: ModalMetadata = { context: form.context, ...meta };
  let privateMetadata = JSON.stringify(metadata);
  // A response_url is only a convenience (the answer then goes by DM); the context must fit.
  if (privateMetadata.length > PRIVATE_METADATA_MAX) privateMetadata = JSON.stringify({ context: form.context, ...(meta.fromHome ? { fromHome: true } : {}) });
  return {
    type: 'modal',
    callback_id: callbackIdOf(spec.id),
    title: plainText(spec.title, MODAL_TITLE_MAX),
    submit: plainText(spec.submitLabel, MODAL_TITLE_MAX),
    close: plainText('Cancel', MODAL_TITLE_MAX),
    private_metadata: privateMetadata,
    blocks,
  };
}

/** Field errors as `response_action: errors` wants them: by block id; the whole form's goes on the first block. */
export function modalErrors(errors: FieldErrors, blockIds: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, message] of Object.entries(errors)) {
    const block = id === '_' || !blockIds.includes(id) ? (blockIds[0] ?? id) : id;
    out[block] ??= message;
  }
  return out;
}

/** Errors as one line, for when the modal has already closed. */
export function errorsSentence(form: FormView, errors: FieldErrors): string {
  const label = (id: string) => form.spec.fields.find((f) => f.id === id)?.label ?? id;
  return Object.entries(errors)
    .map(([id, m]) => (id === '_' ? m : `${label(id)} ${m}`))
    .join('; ');
}
