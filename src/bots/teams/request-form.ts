import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ContractTermsInput } from '../../core/domain/contract.js';
import { CURRENCY_EXPONENTS, parseAmountToMinor } from '../../core/domain/money.js';
import { listTemplates } from '../../core/templates/registry.js';
import { adaptiveCard, type AdaptiveCard, type CardElement } from './adaptive-card.js';

export const REQUEST_VERB = 'contract.request';

/** What the form posts back (Action.Execute sends every input as a string, or omits it). */
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text(max).optional());
const optionalWhole = (what: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number({ message: `must be a whole number of ${what}` }).int(`must be a whole number of ${what}`).min(0).max(max).optional(),
  );

export const ZRequestFormValues = z.object({
  formId: z.string().min(1).max(80),
  title: text(200).min(1, 'is required'),
  templateId: z.string().trim().min(1, 'pick a contract type'),
  counterparty: text(200).min(1, 'is required'),
  amount: optionalText(40),
  currency: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().toUpperCase().default('USD')),
  startDate: optionalText(10),
  endDate: optionalText(10),
  termMonths: optionalWhole('months', 1200),
  autoRenews: z.enum(['true', 'false']).default('false'),
  renewalTermMonths: optionalWhole('months', 1200),
  noticePeriodDays: optionalWhole('days', 3650),
  governingLaw: optionalText(120),
  notes: optionalText(2000),
});
export type RequestFormValues = z.infer<typeof ZRequestFormValues>;

/** Field errors by input id, shown under each input. `_` is for the form as a whole. */
export type FormErrors = Record<string, string>;

export interface ParsedRequest {
  formId: string;
  templateId: string;
  terms: ContractTermsInput;
  notes?: string;
}

/**
 * Checks a submission the way the form promises: each field's own rules here, the contract rules
 * (dates in order, a renewal term when it auto-renews, …) in the core. Values are never lost:
 * the caller redraws the form with what the user typed.
 */
export function parseRequestForm(data: unknown): { ok: true; request: ParsedRequest } | { ok: false; errors: FormErrors; values: Record<string, string> } {
  const values = stringValues(data);
  const parsed = ZRequestFormValues.safeParse(values);
  const errors: FormErrors = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '_')] ??= issue.message;
  // Checked on the raw values too, so one answer lists every problem.
  const template = listTemplates().find((t) => t.id === values.templateId?.trim());
  if (!template) errors.templateId ??= 'pick one of the listed contract types';
  const currency = (values.currency?.trim() || 'USD').toUpperCase();
  if (!(currency in CURRENCY_EXPONENTS)) errors.currency ??= 'must be an ISO currency such as USD or EUR';
  const amountText = values.amount?.trim() ?? '';
  const amountMinor = amountText === '' ? undefined : parseAmountToMinor(amountText, currency);
  if (amountText !== '' && amountMinor === undefined) errors.amount ??= 'must be an amount such as 25,000 or 25000.50';
  if (!parsed.success || Object.keys(errors).length > 0 || !template) return { ok: false, errors, values };
  const v = parsed.data;
  const terms: ContractTermsInput = {
    title: v.title,
    type: template.type,
    counterparty: v.counterparty,
    autoRenews: v.autoRenews === 'true',
    ...(amountMinor !== undefined ? { value: { amountMinor, currency } } : {}),
    ...(v.startDate ? { startDate: v.startDate } : {}),
    ...(v.endDate ? { endDate: v.endDate } : {}),
    ...(v.termMonths !== undefined ? { termMonths: v.termMonths } : {}),
    ...(v.renewalTermMonths !== undefined ? { renewalTermMonths: v.renewalTermMonths } : {}),
    ...(v.noticePeriodDays !== undefined ? { noticePeriodDays: v.noticePeriodDays } : {}),
    ...(v.governingLaw ? { governingLaw: v.governingLaw } : {}),
  };
  return { ok: true, request: { formId: v.formId, templateId: template.id, terms, ...(v.notes ? { notes: v.notes } : {}) } };
}

/** Card data arrives as loosely typed JSON; keep the string fields, as typed, for redrawing. */
function stringValues(data: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof data !== 'object' || data === null) return out;
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

function errorText(id: string, errors: FormErrors): CardElement[] {
  const message = errors[id];
  return message ? [{ type: 'TextBlock', text: `⚠ ${LABELS[id] ?? id} ${message}`, color: 'Attention', size: 'Small', wrap: true, spacing: 'None' }] : [];
}

/**
 * The request form (Adaptive Card 1.5). Start date, notice period and governing law are required
 * because every template prints them (ZCommonTemplateVariables); a term or an end date is too,
 * which a card cannot express, so the core's answer names it. Teams checks `isRequired` and
 * `regex` before it sends;
 * the bot checks everything again, and a redraw shows the bot's errors under each input.
 */
export function requestFormCard(values: Record<string, string> = {}, errors: FormErrors = {}): AdaptiveCard {
  const formId = values.formId || randomUUID();
  const value = (id: string, fallback?: string) => (values[id] ?? fallback) !== undefined ? { value: values[id] ?? fallback } : {};
  const field = (element: CardElement): CardElement[] => [element, ...errorText(String(element.id), errors)];
  const problems = Object.entries(errors);
  const body: CardElement[] = [
    { type: 'TextBlock', text: 'Request a contract', weight: 'Bolder', size: 'Medium', wrap: true },
    ...(problems.length > 0
      ? [{ type: 'TextBlock', text: `Please fix ${problems.length === 1 ? 'this' : 'these'}: ${problems.map(([k, m]) => (k === '_' ? m : `${LABELS[k] ?? k} ${m}`)).join('; ')}`, color: 'Attention', wrap: true }]
      : []),
    ...field({ type: 'Input.Text', id: 'title', label: 'Title', isRequired: true, errorMessage: 'Give the contract a title', maxLength: 200, ...value('title') }),
    ...field({
      type: 'Input.ChoiceSet',
      id: 'templateId',
      label: 'Contract type',
      style: 'compact',
      isRequired: true,
      errorMessage: 'Pick a contract type',
      choices: listTemplates().map((t) => ({ title: `${t.name}: ${t.description}`, value: t.id })),
      ...value('templateId'),
    }),
    ...field({ type: 'Input.Text', id: 'counterparty', label: 'Counterparty', isRequired: true, errorMessage: 'Who is the contract with?', maxLength: 200, ...value('counterparty') }),
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: field({
            type: 'Input.Text',
            id: 'amount',
            label: 'Value',
            placeholder: '25,000',
            regex: '^\\s*[$€£]?\\s*[0-9][0-9,\\s]*(\\.[0-9]+)?\\s*[kKmM]?\\s*$',
            errorMessage: 'An amount such as 25,000',
            ...value('amount'),
          }),
        },
        {
          type: 'Column',
          width: 'auto',
          items: field({
            type: 'Input.ChoiceSet',
            id: 'currency',
            label: 'Currency',
            style: 'compact',
            choices: ['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY'].map((c) => ({ title: c, value: c })),
            ...value('currency', 'USD'),
          }),
        },
      ],
    },
    ...field({ type: 'Input.Date', id: 'startDate', label: 'Start date', isRequired: true, errorMessage: 'When does it start?', ...value('startDate') }),
    ...field({ type: 'Input.Number', id: 'termMonths', label: 'Term (months)', min: 1, max: 1200, errorMessage: 'Whole months, 1 or more', ...value('termMonths') }),
    ...field({ type: 'Input.Date', id: 'endDate', label: 'End date (or give a term)', ...value('endDate') }),
    ...field({ type: 'Input.Toggle', id: 'autoRenews', title: 'Renews automatically', valueOn: 'true', valueOff: 'false', ...value('autoRenews', 'false') }),
    ...field({ type: 'Input.Number', id: 'renewalTermMonths', label: 'Renewal term (months)', min: 1, max: 1200, errorMessage: 'Whole months, 1 or more', ...value('renewalTermMonths') }),
    ...field({ type: 'Input.Number', id: 'noticePeriodDays', label: 'Notice period (days)', isRequired: true, min: 0, max: 3650, errorMessage: 'Whole days', ...value('noticePeriodDays') }),
    ...field({ type: 'Input.Text', id: 'governingLaw', label: 'Governing law', isRequired: true, errorMessage: 'Which law governs it?', placeholder: 'England and Wales', maxLength: 120, ...value('governingLaw') }),
    ...field({ type: 'Input.Text', id: 'notes', label: 'Notes for the approvers', isMultiline: true, maxLength: 2000, ...value('notes') }),
  ];
  return adaptiveCard(body, {
    actions: [{ type: 'Action.Execute', title: 'Submit for approval', verb: REQUEST_VERB, style: 'positive', associatedInputs: 'auto', data: { formId } }],
  });
}

const LABELS: Record<string, string> = {
  title: 'Title',
  templateId: 'Contract type',
  counterparty: 'Counterparty',
  amount: 'Value',
  currency: 'Currency',
  startDate: 'Start date',
  endDate: 'End date',
  termMonths: 'Term',
  autoRenews: 'Auto-renewal',
  renewalTermMonths: 'Renewal term',
  noticePeriodDays: 'Notice period',
  governingLaw: 'Governing law',
  notes: 'Notes',
  value: 'Value',
  type: 'Contract type',
};

/**
 * Maps the core's errors onto the form's inputs: term errors (`details.fields`, keyed `endDate`,
 * `value.currency`, …) and template variable errors (`details.issues`, `{variable, message}`).
 */
export function formErrorsFromCore(details: Record<string, unknown> | undefined, fallback: string): FormErrors {
  const errors: FormErrors = {};
  const fields: Record<string, unknown> = { ...((details?.fields as Record<string, unknown> | undefined) ?? {}) };
  if (Array.isArray(details?.issues)) {
    for (const issue of details.issues as Array<{ variable?: unknown; message?: unknown }>) {
      if (typeof issue.variable === 'string') fields[issue.variable] ??= issue.message;
    }
  }
  for (const [path, message] of Object.entries(fields)) {
    const head = path.split('.')[0] ?? '_';
    const id = head === 'value' ? 'amount' : head === 'type' ? 'templateId' : head in LABELS ? head : '_';
    errors[id] ??= String(message);
  }
  if (Object.keys(errors).length === 0) errors._ = fallback;
  return errors;
}
