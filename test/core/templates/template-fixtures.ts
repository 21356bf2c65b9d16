/** The fields the chat request form collects: enough for every template. */
export const FORM_VARIABLES = {
  companyName: 'Northwind Ltd',
  counterpartyName: 'Acme Corp',
  effectiveDate: '2026-03-01',
  termMonths: 12,
  autoRenews: false,
  noticePeriodDays: 30,
  governingLaw: 'the State of New York',
  ownerName: 'Dana Reyes',
} as const;
