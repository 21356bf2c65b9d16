import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ZContractTerms, type ContractTermsInput } from '../domain/contract.js';
import { CURRENCY_EXPONENTS, parseAmountToMinor } from '../domain/money.js';
import { AppErrorCode, isAppError } from '../errors.js';
import { listTemplates } from '../templates/registry.js';
import { renderTemplate } from '../templates/render-template.js';
import { templateVariablesFromTerms } from '../templates/variables-from-terms.js';
import { inputText, type FieldErrors, type FormInputs, type FormParse, type FormSpec, type FormView } from './form.js';

export const REQUEST_FORM_ID = 'contract.request';

/** Field ids of the request form (Slack block ids, Teams input ids, error keys). */
export const REQUEST_FIELDS = {
  template: 'template',
  title: 'title',
  counterparty: 'counterparty',
  value: 'value',
  currency: 'currency',
  startDate: 'start_date',
  termMonths: 'term_months',
  endDate: 'end_date',
  autoRenews: 'auto_renews',
  renewalTermMonths: 'renewal_term_months',
  noticePeriodDays: 'notice_period_days',
  governingLaw: 'governing_law',
  owner: 'owner',
  notes: 'notes',
} as const;
const F = REQUEST_FIELDS;

const CURRENCIES = ['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'SEK', 'INR', 'SGD'] as const;

/**
 * The "request a contract" form. Start date, notice period and governing law are required
 * because every template prints them; a term or an end date is too (checked on submit).
 * `formId` makes a repeated submit of the same form file nothing new.
 */
export function requestForm(input: { requesterId?: string; templateId?: string }): FormView {
  const templates = listTemplates();
  const initialTemplate = templates.find((t) => t.id === input.templateId)?.id;
  const spec: FormSpec = {
    id: REQUEST_FORM_ID,
    title: 'Request a contract',
    submitLabel: 'Submit for approval',
    fields: [
      {
        id: F.template,
        kind: 'select',
        label: 'Contract type',
        required: true,
        placeholder: 'Pick a template',
        options: templates.map((t) => ({ value: t.id, label: `${t.name}: ${t.description}` })),
        ...(initialTemplate ? { initial: initialTemplate } : {}),
      },
      { id: F.counterparty, kind: 'text', label: 'Counterparty', required: true, maxLength: 200 },
      { id: F.title, kind: 'text', label: 'Title', required: false, maxLength: 200, hint: 'Leave empty for "<type> with <counterparty>".' },
      { id: F.value, kind: 'text', label: 'Value', required: false, maxLength: 40, placeholder: '25,000' },
      { id: F.currency, kind: 'select', label: 'Currency', required: false, options: CURRENCIES.map((c) => ({ value: c, label: c })), initial: 'USD' },
      { id: F.startDate, kind: 'date', label: 'Start date', required: true },
      { id: F.termMonths, kind: 'number', label: 'Term (months)', required: false, min: 1, max: 1200, hint: 'Give a term or an end date.' },
      { id: F.endDate, kind: 'date', label: 'End date', required: false },
      { id: F.autoRenews, kind: 'checkbox', label: 'Renews automatically', required: false, initial: 'false' },
      { id: F.renewalTermMonths, kind: 'number', label: 'Renewal term (months)', required: false, min: 1, max: 1200 },
      { id: F.noticePeriodDays, kind: 'number', label: 'Notice period (days)', required: true, min: 0, max: 3650 },
      { id: F.governingLaw, kind: 'text', label: 'Governing law', required: true, maxLength: 120, placeholder: 'the laws of the State of New York' },
      {
        id: F.owner,
        kind: 'user',
        label: 'Owner',
        required: false,
        hint: 'You, unless you pick someone else.',
        ...(input.requesterId ? { initial: input.requesterId } : {}),
      },
      {
        id: F.notes,
        kind: 'multiline',
        label: 'Additional terms',
        required: false,
        maxLength: 2000,
        hint: 'Printed in the draft as "Additional Terms"; approvers see them too.',
      },
    ],
  };
  return { spec, context: { formId: randomUUID() } };
}

const whole = (what: string, min: number, max: number) =>
  z.coerce
    .number({ message: `must be a whole number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .min(min, `must be at least ${min} ${what}`)
    .max(max, `must be at most ${max} ${what}`)
    .optional();

/** Field rules, keyed by field id so each error shows under its input. */
const ZRequestFields = z.object({
  [F.template]: z.string({ message: 'pick a contract type' }).refine((id) => listTemplates().some((t) => t.id === id), 'pick one of the listed contract types'),
  [F.counterparty]: z.string({ message: 'is required: who is the contract with?' }).max(200, 'must be at most 200 characters'),
  [F.title]: z.string().max(200, 'must be at most 200 characters').optional(),
  [F.value]: z.string().max(40, 'must be an amount such as 25,000').optional(),
  [F.currency]: z
    .string()
    .toUpperCase()
    .refine((c) => c in CURRENCY_EXPONENTS, 'must be an ISO currency such as USD or EUR')
    .default('USD'),
  [F.startDate]: z.string().optional(),
  [F.endDate]: z.string().optional(),
  [F.termMonths]: whole('months', 1, 1200),
  [F.autoRenews]: z.enum(['true', 'false', 'yes', 'no'], { message: 'must be yes or no' }).optional(),
  [F.renewalTermMonths]: whole('months', 1, 1200),
  [F.noticePeriodDays]: whole('days', 0, 3650),
  [F.governingLaw]: z.string().max(120, 'must be at most 120 characters').optional(),
  [F.owner]: z.string().max(100).optional(),
  [F.notes]: z.string().max(2000, 'must be at most 2000 characters').optional(),
});

/** Where a contract-terms issue is shown in the form. */
const TERM_FIELDS: Record<string, string> = {
  title: F.title,
  type: F.template,
  counterparty: F.counterparty,
  value: F.value,
  startDate: F.startDate,
  endDate: F.endDate,
  termMonths: F.termMonths,
  renewalTermMonths: F.renewalTermMonths,
  noticePeriodDays: F.noticePeriodDays,
  governingLaw: F.governingLaw,
  autoRenews: F.autoRenews,
};

/** Where a template variable's problem is shown (variables-from-terms.ts maps terms to these). */
const TEMPLATE_VARIABLE_FIELDS: Record<string, string> = {
  counterpartyName: F.counterparty,
  effectiveDate: F.startDate,
  termMonths: F.termMonths,
  endDate: F.endDate,
  renewalTermMonths: F.renewalTermMonths,
  noticePeriodDays: F.noticePeriodDays,
  governingLaw: F.governingLaw,
  contractValue: F.value,
  specialTerms: F.notes,
};

const TEMPLATE_VARIABLE_HINTS: Record<string, string> = {
  effectiveDate: 'is required: when does the contract start?',
  termMonths: 'is required: give a term in months or an end date',
  noticePeriodDays: 'is required: how many days of notice (0 for none)?',
  governingLaw: 'is required: which law governs the contract?',
};

/** The template's own rules (every variable it prints), named on the field that feeds the variable. */
function templateProblems(templateId: string, terms: ContractTermsInput, notes: string | undefined): FieldErrors {
  const parsedTerms = ZContractTerms.safeParse(terms);
  if (!parsedTerms.success) return {};
  try {
    renderTemplate(templateId, templateVariablesFromTerms(parsedTerms.data, { companyName: 'Company', ownerName: 'Owner', ...(notes ? { notes } : {}) }));
    return {};
  } catch (error) {
    if (!isAppError(error) || error.code !== AppErrorCode.TemplateVariable) throw error;
    const issues = (error.details?.issues ?? []) as Array<{ variable: string; message: string }>;
    const out: FieldErrors = {};
    for (const issue of issues) {
      const field = TEMPLATE_VARIABLE_FIELDS[issue.variable] ?? F.template;
      out[field] ??= issue.message === 'is required' ? (TEMPLATE_VARIABLE_HINTS[issue.variable] ?? issue.message) : issue.message;
    }
    return out;
  }
}

export interface ContractRequest {
  templateId: string;
  terms: ContractTermsInput;
  /** The platform user id picked as owner; the requester when absent. */
  ownerId?: string;
  notes?: string;
}

/**
 * Checks a submitted request form completely before anything is stored: each field's own rules,
 * then the contract rules (dates in order, a renewal term when it auto-renews) from the core
 * schema, then the template's, so a bad value is named on its field.
 */
export function parseRequestForm(inputs: FormInputs): FormParse<ContractRequest> {
  const raw = Object.fromEntries(Object.values(F).map((id) => [id, inputText(inputs, id)]));
  const parsed = ZRequestFields.safeParse(raw);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    // The amount is checked too, so one answer names every field that is wrong.
    const amount = raw[F.value];
    const currency = (raw[F.currency] ?? 'USD').toUpperCase();
    if (amount !== undefined && !errors[F.value] && currency in CURRENCY_EXPONENTS && parseAmountToMinor(amount, currency) === undefined) {
      errors[F.value] = 'must be an amount such as 25,000 or 25000.50';
    }
    return { ok: false, errors };
  }
  const v = parsed.data;
  const template = listTemplates().find((t) => t.id === v[F.template])!;
  let amountMinor: number | undefined;
  const amount = v[F.value];
  if (amount !== undefined) {
    amountMinor = parseAmountToMinor(amount, v[F.currency]);
    if (amountMinor === undefined) errors[F.value] = 'must be an amount such as 25,000 or 25000.50';
  }
  const autoRenews = v[F.autoRenews] === 'true' || v[F.autoRenews] === 'yes';
  const counterparty = v[F.counterparty];
  const terms: ContractTermsInput = {
    title: v[F.title] ?? `${template.name} with ${counterparty}`,
    type: template.type,
    counterparty,
    autoRenews,
    ...(amountMinor !== undefined ? { value: { amountMinor, currency: v[F.currency] } } : {}),
    ...(v[F.startDate] ? { startDate: v[F.startDate] } : {}),
    ...(v[F.endDate] ? { endDate: v[F.endDate] } : {}),
    ...(v[F.termMonths] !== undefined ? { termMonths: v[F.termMonths] } : {}),
    ...(v[F.renewalTermMonths] !== undefined ? { renewalTermMonths: v[F.renewalTermMonths] } : {}),
    ...(v[F.noticePeriodDays] !== undefined ? { noticePeriodDays: v[F.noticePeriodDays] } : {}),
    ...(v[F.governingLaw] ? { governingLaw: v[F.governingLaw] } : {}),
  };
  const checkedTerms = ZContractTerms.safeParse(terms);
  if (!checkedTerms.success) {
    for (const issue of checkedTerms.error.issues) errors[TERM_FIELDS[String(issue.path[0])] ?? F.counterparty] ??= issue.message;
  }
  if (terms.endDate && terms.termMonths) errors[F.endDate] ??= 'give either a term in months or an end date, not both';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const fromTemplate = templateProblems(template.id, terms, v[F.notes]);
  if (Object.keys(fromTemplate).length > 0) return { ok: false, errors: fromTemplate };
  return { ok: true, value: { templateId: template.id, terms, ...(v[F.owner] ? { ownerId: v[F.owner] } : {}), ...(v[F.notes] ? { notes: v[F.notes] } : {}) } };
}

/** Maps the core's refusal of a request (term fields, template variables) onto the form's fields. */
export function requestErrorsFromCore(details: Record<string, unknown> | undefined, fallback: string): FieldErrors {
  const errors: FieldErrors = {};
  const fields = (details?.fields as Record<string, unknown> | undefined) ?? {};
  for (const [path, message] of Object.entries(fields)) {
    const field = TERM_FIELDS[path.split('.')[0] ?? ''];
    if (field) errors[field] ??= String(message);
  }
  if (Array.isArray(details?.issues)) {
    for (const issue of details.issues as Array<{ variable?: unknown; message?: unknown }>) {
      const field = typeof issue.variable === 'string' ? TEMPLATE_VARIABLE_FIELDS[issue.variable] : undefined;
      if (field) errors[field] ??= String(issue.message);
    }
  }
  if (Object.keys(errors).length === 0) errors._ = fallback;
  return errors;
}
