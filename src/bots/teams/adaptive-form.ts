import type { FormField, FormView } from '../../core/interactions/form.js';
import { adaptiveCard, type AdaptiveCard, type CardElement } from './adaptive-card.js';

/** Teams shows at most this many characters in an input's label without cutting it. */
const LABEL_MAX = 200;

function input(field: FormField, value: string | undefined): CardElement {
  const common = {
    id: field.id,
    label: field.label.slice(0, LABEL_MAX),
    ...(field.required ? { isRequired: true, errorMessage: `${field.label} is required` } : {}),
    ...(value !== undefined && value !== '' ? { value } : {}),
  };
  const placeholder = field.placeholder ?? field.hint;
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return {
        type: 'Input.Text',
        ...common,
        ...(field.kind === 'multiline' ? { isMultiline: true } : {}),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(placeholder ? { placeholder } : {}),
      };
    case 'number':
      return {
        type: 'Input.Number',
        ...common,
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        ...(placeholder ? { placeholder } : {}),
      };
    case 'date':
      return { type: 'Input.Date', ...common };
    case 'select':
      return { type: 'Input.ChoiceSet', style: 'compact', ...common, choices: (field.options ?? []).map((o) => ({ title: o.label, value: o.value })) };
    case 'checkbox':
      return { type: 'Input.Toggle', ...common, label: undefined, title: field.label, valueOn: 'true', valueOff: 'false', value: value ?? 'false' };
    case 'user':
      // No people picker without Graph permissions: a person is typed (their e-mail or name).
      return { type: 'Input.Text', ...common, placeholder: field.hint ?? 'Their e-mail or name' };
  }
}

/**
 * A neutral form as an Adaptive Card (1.5): one input per field (input id = field id), the
 * errors of a refused submit under each input and summed up on top, the values typed kept.
 * Its Action.Execute verb is the form id; its data is the form's context.
 */
export function adaptiveForm(form: FormView): AdaptiveCard {
  const { spec } = form;
  const errors = form.errors ?? {};
  const label = (id: string) => spec.fields.find((f) => f.id === id)?.label ?? id;
  const problems = Object.entries(errors);
  const body: CardElement[] = [
    { type: 'TextBlock', text: spec.title, weight: 'Bolder', size: 'Medium', wrap: true },
    ...(spec.intro ? [{ type: 'TextBlock', text: spec.intro, wrap: true }] : []),
    ...(problems.length > 0
      ? [
          {
            type: 'TextBlock',
            text: `Please fix ${problems.length === 1 ? 'this' : 'these'}: ${problems.map(([k, m]) => (k === '_' ? m : `${label(k)} ${m}`)).join('; ')}`,
            color: 'Attention',
            wrap: true,
          },
        ]
      : []),
    ...spec.fields.flatMap((field) => {
      const typed = form.values?.[field.id];
      const value = typed ?? (field.kind === 'user' ? undefined : field.initial);
      const element = input(field, value);
      const error = errors[field.id];
      return [
        element,
        ...(error ? [{ type: 'TextBlock', text: `⚠ ${field.label} ${error}`, color: 'Attention', size: 'Small', wrap: true, spacing: 'None' }] : []),
      ];
    }),
  ];
  return adaptiveCard(body, {
    actions: [{ type: 'Action.Execute', title: spec.submitLabel, verb: spec.id, style: 'positive', associatedInputs: 'auto', data: { ...form.context } }],
  });
}
