import { BUILT_IN_CONTRACT_TYPES } from '../../../src/core/domain/contract.js';
import { AppError, AppErrorCode } from '../../../src/core/errors.js';
import { renderTemplate } from '../../../src/core/templates/render-template.js';
import { FORM_VARIABLES } from './template-fixtures.js';

/** Runs `fn` and returns the AppError it throws. */
function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const GOVERNING_LAW_SENTENCE = 'governed by and construed in accordance with the laws of the State of New York';

describe('renderTemplate', () => {
  describe.each(BUILT_IN_CONTRACT_TYPES)('the %s template', (type) => {
    it('renders from the form fields alone, with clauses filled and no placeholder left', () => {
      const draft = renderTemplate(type, FORM_VARIABLES);

      expect(draft.type).toBe(type);
      expect(draft.templateId).toMatch(/-v\d+$/);
      expect(draft.title).not.toBe('');
      expect(draft.text).toContain('Acme Corp');
      expect(draft.text).toContain('Northwind Ltd');
      expect(draft.text).toContain('1 March 2026');
      expect(draft.text).toContain('initial term of 12 months');
      expect(draft.text).toContain(GOVERNING_LAW_SENTENCE);
      expect(draft.text).toContain('This Agreement does not renew automatically.');
      expect(draft.text).toMatch(/^1\. \S/m);
      expect(draft.text).toContain('IN WITNESS WHEREOF');
      expect(draft.text).not.toMatch(/\{\{|\}\}/);
      expect(draft.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(draft.text).not.toContain('Additional Terms');
    });

    it('renders every optional section when all variables are given', () => {
      const draft = renderTemplate(type, {
        ...FORM_VARIABLES,
        endDate: '2027-02-28',
        autoRenews: true,
        renewalTermMonths: 1,
        noticePeriodDays: 90,
        contractValue: '$25,000.00',
        currency: 'usd',
        specialTerms: 'Travel expenses are reimbursed at cost.',
        mutual: false,
        companyIsCustomer: true,
        msaReference: 'C-2025-0012',
      });

      expect(draft.text).toContain('ending on 28 February 2027');
      expect(draft.text).toContain('renews automatically for a further period of 1 month');
      expect(draft.text).toContain('at least 90 days before the end of the then-current term');
      expect(draft.text).toMatch(/Additional Terms\n\nThe following terms .*Travel expenses are reimbursed at cost\./);
      expect(draft.text).not.toMatch(/\{\{|\}\}/);
      // Blank lines left by optional sections are tidied away.
      expect(draft.text).not.toMatch(/\n{3,}|[ \t]\n/);
      expect(draft.variables).toMatchObject({ currency: 'USD', autoRenews: true });
    });
  });

  it('fills template-specific extras with defaults so the common fields suffice', () => {
    expect(renderTemplate('nda', FORM_VARIABLES).variables).toMatchObject({
      mutual: true,
      purpose: 'evaluating a potential business relationship',
      confidentialityYears: 3,
    });
    expect(renderTemplate('msa', FORM_VARIABLES).variables).toMatchObject({ paymentTermsDays: 30, companyIsCustomer: false });
    expect(renderTemplate('sow', FORM_VARIABLES).variables).not.toHaveProperty('msaReference');
    expect(renderTemplate('order_form', FORM_VARIABLES).variables).toHaveProperty('products');
  });

  it('drafts a mutual NDA by default and a one-way NDA on request', () => {
    const mutual = renderTemplate('nda', FORM_VARIABLES);
    expect(mutual.title).toBe('Mutual Non-Disclosure Agreement');
    expect(mutual.text).toContain('disclosed by either party');
    expect(mutual.text).toContain('continue for 3 years after its expiry or termination');

    const oneWay = renderTemplate('nda', { ...FORM_VARIABLES, mutual: false, purpose: 'a joint bid', confidentialityYears: 1 });
    expect(oneWay.title).toBe('Non-Disclosure Agreement');
    expect(oneWay.text).toContain('Northwind Ltd (the “Disclosing Party”) wishes to disclose');
    expect(oneWay.text).toContain('for the purpose of a joint bid');
    expect(oneWay.text).toContain('continue for 1 year after');
  });

  it('names the parties Provider and Customer the right way round', () => {
    expect(renderTemplate('msa', FORM_VARIABLES).text).toContain('Northwind Ltd (“Provider”) and Acme Corp (“Customer”)');
    expect(renderTemplate('msa', { ...FORM_VARIABLES, companyIsCustomer: true }).text).toContain('Acme Corp (“Provider”) and Northwind Ltd (“Customer”)');
  });

  it('carries the standard terms in an SOW without an MSA and refers to the MSA otherwise', () => {
    const standalone = renderTemplate('sow', FORM_VARIABLES).text;
    expect(standalone).toContain('9.6 Limitation of Liability');
    expect(standalone).toContain('in the 12 months immediately preceding the event');

    const underMsa = renderTemplate('sow', { ...FORM_VARIABLES, msaReference: 'C-2025-0012' }).text;
    expect(underMsa).toContain('referenced as C-2025-0012 (the “MSA”)');
    expect(underMsa).not.toContain('9.6 Limitation of Liability');
  });

  it('prints the contract value in the fees sections when given', () => {
    const orderForm = renderTemplate('order_form', { ...FORM_VARIABLES, contractValue: '€12.000,00', currency: 'EUR' }).text;
    expect(orderForm).toContain('Fees: €12.000,00');
    expect(orderForm).toContain('The total fees payable under this Agreement are €12.000,00');
    expect(orderForm).toContain('All amounts are stated and payable in EUR.');
    expect(renderTemplate('order_form', FORM_VARIABLES).text).toContain('Fees: as set out in the pricing schedule');
  });

  describe('refuses input, naming the variable', () => {
    it.each(['companyName', 'counterpartyName', 'effectiveDate', 'termMonths', 'noticePeriodDays', 'governingLaw', 'ownerName'])(
      'when %s is missing',
      (variable) => {
        const { [variable as keyof typeof FORM_VARIABLES]: _omitted, ...rest } = FORM_VARIABLES;
        const error = appErrorOf(() => renderTemplate('nda', rest));
        expect(error.code).toBe(AppErrorCode.TemplateVariable);
        expect(error.message).toBe(`Template "NDA" needs "${variable}": is required`);
        expect(error.details).toMatchObject({ template: 'nda-v1', variable });
      },
    );

    it('treats a blank or null field from the form as missing', () => {
      expect(appErrorOf(() => renderTemplate('msa', { ...FORM_VARIABLES, counterpartyName: '   ' })).message).toBe(
        'Template "MSA" needs "counterpartyName": is required',
      );
      expect(appErrorOf(() => renderTemplate('msa', { ...FORM_VARIABLES, governingLaw: null })).details).toMatchObject({
        variable: 'governingLaw',
      });
      // A blank optional field is simply absent.
      expect(renderTemplate('msa', { ...FORM_VARIABLES, contractValue: '' }).variables).not.toHaveProperty('contractValue');
    });

    it.each([
      ['effectiveDate', '2026-02-30', 'must be a real date written YYYY-MM-DD'],
      ['effectiveDate', '1 March 2026', 'must be a real date written YYYY-MM-DD'],
      ['noticePeriodDays', -5, 'must be 0 or more'],
      ['noticePeriodDays', 2.5, 'must be a whole number'],
      ['termMonths', 0, 'must be more than 0'],
      ['termMonths', '12', 'must be a number'],
      ['autoRenews', 'yes', 'must be true or false'],
      ['currency', 'dollars', 'must be an ISO 4217 currency code such as USD or EUR'],
    ])('when %s is %p', (variable, value, reason) => {
      const error = appErrorOf(() => renderTemplate('sow', { ...FORM_VARIABLES, [variable]: value }));
      expect(error.code).toBe(AppErrorCode.TemplateVariable);
      expect(error.message).toBe(`Template "SOW" needs "${variable}": ${reason}`);
      expect(error.details).toMatchObject({ variable });
    });

    it('when the contract auto-renews without a renewal term', () => {
      const error = appErrorOf(() => renderTemplate('order_form', { ...FORM_VARIABLES, autoRenews: true }));
      expect(error.message).toBe('Template "Order form" needs "renewalTermMonths": is required when the contract auto-renews');
    });

    it('when the end date is before the effective date', () => {
      const error = appErrorOf(() => renderTemplate('nda', { ...FORM_VARIABLES, endDate: '2026-02-28' }));
      expect(error.details).toMatchObject({ variable: 'endDate' });
    });

    it('when a template-specific variable is invalid', () => {
      const error = appErrorOf(() => renderTemplate('msa', { ...FORM_VARIABLES, paymentTermsDays: 0 }));
      expect(error.message).toBe('Template "MSA" needs "paymentTermsDays": must be more than 0');
    });

    it('lists every offending variable in the details, the first in the message', () => {
      const error = appErrorOf(() => renderTemplate('nda', { ...FORM_VARIABLES, counterpartyName: undefined, effectiveDate: 'soon', noticePeriodDays: -1 }));
      expect(error.message).toBe('Template "NDA" needs "counterpartyName": is required');
      expect(error.details?.issues).toEqual([
        { variable: 'counterpartyName', message: 'is required' },
        { variable: 'effectiveDate', message: 'must be a real date written YYYY-MM-DD' },
        { variable: 'noticePeriodDays', message: 'must be 0 or more' },
      ]);
    });
  });

  it('refuses an unknown template', () => {
    const error = appErrorOf(() => renderTemplate('employment', FORM_VARIABLES));
    expect(error.code).toBe(AppErrorCode.NotFound);
    expect(error.message).toBe('There is no contract template "employment". Templates exist for: nda, msa, sow, order_form.');
  });
});
