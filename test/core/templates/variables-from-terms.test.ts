import { ZContractTerms, type ContractTermsInput } from '../../../src/core/domain/contract.js';
import { renderTemplate } from '../../../src/core/templates/render-template.js';
import { monthsCovering, templateVariablesFromTerms } from '../../../src/core/templates/variables-from-terms.js';

const terms = (input: Partial<ContractTermsInput> = {}) =>
  ZContractTerms.parse({
    title: 'Acme NDA',
    type: 'nda',
    counterparty: 'Acme Corp',
    startDate: '2026-03-01',
    termMonths: 24,
    noticePeriodDays: 30,
    governingLaw: 'England and Wales',
    ...input,
  });
const extra = { companyName: 'Northwind Ltd', ownerName: 'Dana Reyes' };

describe('templateVariablesFromTerms', () => {
  it('maps a chat request’s terms to the common template variables', () => {
    const variables = templateVariablesFromTerms(terms({ autoRenews: true, renewalTermMonths: 12, value: { amountMinor: 2_500_000, currency: 'USD' } }), {
      ...extra,
      notes: 'Includes a pilot phase.',
    });
    expect(variables).toEqual({
      companyName: 'Northwind Ltd',
      counterpartyName: 'Acme Corp',
      effectiveDate: '2026-03-01',
      termMonths: 24,
      endDate: '2028-02-29',
      autoRenews: true,
      renewalTermMonths: 12,
      noticePeriodDays: 30,
      governingLaw: 'England and Wales',
      contractValue: '$25,000.00',
      currency: 'USD',
      ownerName: 'Dana Reyes',
      specialTerms: 'Includes a pilot phase.',
    });
  });

  it('gives variables every template renders from', () => {
    const variables = templateVariablesFromTerms(terms(), extra);
    for (const type of ['nda', 'msa', 'sow', 'order_form']) {
      const draft = renderTemplate(type, variables);
      expect(draft.text).toContain('initial term of 24 months, ending on 29 February 2028');
      expect(draft.text).toContain('the laws of England and Wales');
    }
  });

  it('derives the term from an end date when the request gave no term', () => {
    const variables = templateVariablesFromTerms(terms({ termMonths: undefined, endDate: '2026-12-31' }), extra);
    expect(variables).toMatchObject({ termMonths: 10, endDate: '2026-12-31' });
  });

  it('leaves out what the request did not give, so rendering names it', () => {
    const variables = templateVariablesFromTerms(terms({ startDate: undefined, noticePeriodDays: undefined }), extra);
    expect(variables).not.toHaveProperty('effectiveDate');
    expect(variables).not.toHaveProperty('noticePeriodDays');
    expect(variables).not.toHaveProperty('contractValue');
    expect(() => renderTemplate('nda', variables)).toThrow('Template "NDA" needs "effectiveDate": is required');
  });
});

describe('monthsCovering', () => {
  it.each([
    ['2026-01-01', '2026-12-31', 12],
    ['2026-01-01', '2026-12-15', 12],
    ['2026-01-01', '2027-01-01', 13],
    ['2026-01-31', '2026-02-27', 1],
    ['2026-03-01', '2026-03-01', 1],
    ['2026-03-15', '2029-03-14', 36],
  ])('%s to %s covers %i months', (start, end, months) => {
    expect(monthsCovering(start, end)).toBe(months);
  });

  it('is undefined without both dates or when the end is before the start', () => {
    expect(monthsCovering('2026-01-01', undefined)).toBeUndefined();
    expect(monthsCovering(undefined, '2026-01-01')).toBeUndefined();
    expect(monthsCovering('2026-02-01', '2026-01-01')).toBeUndefined();
  });
});
