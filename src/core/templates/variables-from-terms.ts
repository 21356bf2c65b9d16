import { compareDates, type CalendarDate } from '../domain/calendar-date.js';
import { effectiveEndDate, type ContractTerms } from '../domain/contract.js';
import { formatMoney } from '../domain/money.js';

export interface TemplateVariableExtras {
  /** Our company's legal name, from configuration. */
  companyName: string;
  /** Display name of the contract owner. */
  ownerName: string;
  /** Extra terms typed into the request; printed as the "Additional Terms" section. */
  notes?: string;
}

/**
 * The template variables a chat request's terms give. Terms the request left out stay out, so
 * rendering names what is missing (a request without a start date cannot become a draft).
 */
export function templateVariablesFromTerms(terms: ContractTerms, extra: TemplateVariableExtras): Record<string, unknown> {
  const termMonths = terms.termMonths ?? monthsCovering(terms.startDate, terms.endDate);
  const endDate = effectiveEndDate({ startDate: terms.startDate, endDate: terms.endDate, termMonths });
  const variables: Record<string, unknown> = {
    companyName: extra.companyName,
    counterpartyName: terms.counterparty,
    effectiveDate: terms.startDate,
    termMonths,
    endDate,
    autoRenews: terms.autoRenews,
    renewalTermMonths: terms.renewalTermMonths,
    noticePeriodDays: terms.noticePeriodDays,
    governingLaw: terms.governingLaw,
    contractValue: terms.value ? formatMoney(terms.value) : undefined,
    currency: terms.value?.currency,
    ownerName: extra.ownerName,
    specialTerms: extra.notes,
  };
  return Object.fromEntries(Object.entries(variables).filter(([, value]) => value !== undefined));
}

/**
 * The whole months a start-to-end period covers, rounding a part month up: 2026-01-01 to
 * 2026-12-31 is 12 months (the inverse of effectiveEndDate).
 */
export function monthsCovering(startDate: CalendarDate | undefined, endDate: CalendarDate | undefined): number | undefined {
  if (!startDate || !endDate || compareDates(endDate, startDate) < 0) return undefined;
  const [sy, sm] = startDate.split('-').map(Number) as [number, number];
  const [ey, em] = endDate.split('-').map(Number) as [number, number];
  let months = Math.max(1, (ey - sy) * 12 + (em - sm) - 1);
  while (compareDates(effectiveEndDate({ startDate, termMonths: months })!, endDate) < 0) months += 1;
  return months;
}
