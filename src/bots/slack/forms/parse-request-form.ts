import { z } from 'zod';
import { ZContractTerms, type ContractTermsInput } from '../../../core/domain/contract.js';
import { CURRENCY_EXPONENTS, parseAmountToMinor } from '../../../core/domain/money.js';
import { AppErrorCode, isAppError } from '../../../core/errors.js';
import { listTemplates } from '../../../core/templates/registry.js';
import { renderTemplate } from '../../../core/templates/render-template.js';
import { templateVariablesFromTerms } from '../../../core/templates/variables-from-terms.js';
import { REQUEST_FIELDS as F } from '../slack-ids.js';

/** One element's state as Slack sends it in `view.state.values[block][action]`. */
const ZElementState = z
  .object({
    type: z.string().optional(),
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
    selected_date: z.string().nullish(),
    selected_user: z.string().nullish(),
  })
  .loose();
export const ZViewStateValues = z.record(z.string(), z.record(z.string(), ZElementState));
export type ViewStateValues = z.infer<typeof ZViewStateValues>;

/** The one input value of a block, whatever the element type. */
export function stateValue(values: ViewStateValues, id: string): string | undefined {
  const el = values[id]?.[id] ?? Object.values(values[id] ?? {})[0];
  if (!el) return undefined;
  const v = el.value ?? el.selected_option?.value ?? el.selected_date ?? el.selected_user ?? undefined;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function checked(values: ViewStateValues, id: string): boolean {
  const el = values[id]?.[id] ?? Object.values(values[id] ?? {})[0];
  return (el?.selected_options ?? []).length > 0;
}

const whole = (what: string, min: number, max: number) =>
  z.coerce
    .number({ message: `must be a whole number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .min(min, `must be at least ${min} ${what}`)
    .max(max, `must be at most ${max} ${what}`)
    .optional();

/** Field rules, keyed by block id so each error shows under its input. */
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
  [F.renewalTermMonths]: whole('months', 1, 1200),
  [F.noticePeriodDays]: whole('days', 0, 3650),
  [F.governingLaw]: z.string().max(120, 'must be at most 120 characters').optional(),
  [F.owner]: z.string({ message: 'pick the contract owner' }).regex(/^[UW][A-Z0-9]+$/, 'pick a person from the list'),
  [F.notes]: z.string().max(2000, 'must be at most 2000 characters').optional(),
});

/** Where a contract-terms issue is shown in the modal. */
const TERM_FIELD_BLOCKS: Record<string, string> = {
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
};

/** Where a template variable's problem is shown (variables-from-terms.ts maps terms to these). */
const TEMPLATE_VARIABLE_BLOCKS: Record<string, string> = {
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

/**
 * Drafting the text needs more than the terms schema (a start date, a term, the notice period,
 * the governing law); trying the template here, without storing anything, names what is missing
 * under its input instead of failing after the modal has closed.
 */
function templateProblems(templateId: string, terms: ContractTermsInput, notes: string | undefined): Record<string, string> {
  const parsedTerms = ZContractTerms.safeParse(terms);
  if (!parsedTerms.success) return {};
  try {
    renderTemplate(templateId, templateVariablesFromTerms(parsedTerms.data, { companyName: 'Company', ownerName: 'Owner', ...(notes ? { notes } : {}) }));
    return {};
  } catch (error) {
    if (!isAppError(error) || error.code !== AppErrorCode.TemplateVariable) throw error;
    const issues = (error.details?.issues ?? []) as Array<{ variable: string; message: string }>;
    const out: Record<string, string> = {};
    for (const issue of issues) {
      const block = TEMPLATE_VARIABLE_BLOCKS[issue.variable] ?? F.template;
      out[block] ??= issue.message === 'is required' ? (TEMPLATE_VARIABLE_HINTS[issue.variable] ?? issue.message) : issue.message;
    }
    return out;
  }
}

export interface ContractRequestForm {
  templateId: string;
  terms: ContractTermsInput;
  ownerId: string;
  notes?: string;
}

export type ParsedRequestForm = { ok: true; request: ContractRequestForm } | { ok: false; errors: Record<string, string> };

/**
 * Checks a submitted request modal completely before it is acknowledged: each field's own rules,
 * then the contract rules (dates in order, renewal term when it auto-renews) from the core schema,
 * so a bad value is named under its input and nothing is stored.
 */
export function parseRequestForm(rawValues: unknown): ParsedRequestForm {
  const state = ZViewStateValues.safeParse(rawValues);
  if (!state.success) return { ok: false, errors: { [F.counterparty]: 'The form could not be read; please open it again.' } };
  const values = state.data;
  const raw = Object.fromEntries(Object.values(F).map((id) => [id, stateValue(values, id)]));
  const parsed = ZRequestFields.safeParse(raw);
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
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
  const autoRenews = checked(values, F.autoRenews);
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
    for (const issue of checkedTerms.error.issues) {
      const block = TERM_FIELD_BLOCKS[String(issue.path[0])] ?? F.counterparty;
      errors[block] ??= issue.message;
    }
  }
  if (terms.endDate && terms.termMonths) errors[F.endDate] ??= 'give either a term in months or an end date, not both';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const fromTemplate = templateProblems(template.id, terms, v[F.notes]);
  if (Object.keys(fromTemplate).length > 0) return { ok: false, errors: fromTemplate };
  return { ok: true, request: { templateId: template.id, terms, ownerId: v[F.owner], ...(v[F.notes] ? { notes: v[F.notes] } : {}) } };
}
