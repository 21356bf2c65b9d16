/** The error patterns of issue 16, each as a small synthetic contract (no CUAD text). */
import { extractTermsWithRules } from '../../../src/core/extraction/rules/rules-extractor.js';

const terms = (text: string) => extractTermsWithRules(text);

describe('notice period: only notice that stops a renewal or ends an evergreen term', () => {
  it('reads the notice to stop a renewal, wherever it sits', () => {
    const t = terms(
      'Supplier shall cure any breach within thirty (30) days of notice.\n\n' +
        'This Agreement shall automatically renew for successive one (1) year periods unless either party gives written notice of non-renewal at least ninety (90) days before the end of the then-current term.',
    );
    expect(t.noticePeriodDays?.value).toBe(90);
    expect(t.renewalTerm?.value).toBe(12);
  });

  it('does not take an option to extend, a cure period or an insurance notice', () => {
    expect(
      terms(
        'If Distributor wishes to extend the term beyond the Initial Term, it must notify Company in writing at least six (6) months prior to the end of the Initial Term.',
      ).noticePeriodDays,
    ).toBeNull();
    expect(
      terms(
        'During any renewal term, either party may terminate this Agreement if the other fails to cure a material breach within thirty (30) days after written notice.',
      ).noticePeriodDays,
    ).toBeNull();
    expect(
      terms(
        'All certificates of insurance must provide that we receive at least thirty (30) days prior written notice of cancellation or non-renewal of the coverages.',
      ).noticePeriodDays,
    ).toBeNull();
  });

  it('reads evergreen terms, the lower bound of a range, and notices in weeks or years', () => {
    expect(
      terms('This Agreement shall continue in effect until terminated by either party on sixty (60) days prior written notice.').noticePeriodDays?.value,
    ).toBe(60);
    expect(
      terms(
        'This Agreement renews automatically for one year periods unless a party gives notice not less than ninety (90) days nor more than one hundred eighty (180) days prior to the end of the term.',
      ).noticePeriodDays?.value,
    ).toBe(90);
    expect(
      terms('This Agreement renews automatically for one year periods unless a party gives four (4) weeks prior written notice of non-renewal.')
        .noticePeriodDays?.value,
    ).toBe(28);
    expect(
      terms('The term renews automatically for successive terms of two years unless either party gives one (1) year prior written notice of non-renewal.')
        .noticePeriodDays?.value,
    ).toBe(365);
  });
});

describe('renewal term', () => {
  it('ignores incidental annual or renewal words and mutual extensions', () => {
    expect(terms('"Annual Upgrade Offer" means the annual offer extended by the Seller to each Obligor.').renewalTerm).toBeNull();
    expect(
      terms('After the Initial Term, this Agreement may be extended for a further period of five (5) years by mutual written agreement of the parties.')
        .renewalTerm,
    ).toBeNull();
  });

  it('reads "renew for annual periods" after a longer initial term', () => {
    expect(
      terms(
        'This Agreement continues for an initial term of seven (7) years and will automatically renew for one or more annual periods after the Initial Term.',
      ).renewalTerm?.value,
    ).toBe(12);
  });
});

describe('expiration date', () => {
  it('ranks the agreement term above confidentiality tails and Contract Year definitions', () => {
    const t = terms(
      'This Agreement is made as of January 1, 2020 (the "Effective Date").\n\n' +
        '"Contract Year" means each period of twelve (12) months ending on December 31.\n\n' +
        'The Recipient shall keep the information confidential during the term and for five (5) years thereafter.\n\n' +
        'The term of this Agreement shall continue through December 31, 2022.',
    );
    expect(t.expirationDate?.value).toBe('2022-12-31');
  });

  it('gives no date for a term that runs from an event, and perpetual for an evergreen term', () => {
    expect(
      terms(
        'This Agreement is made as of January 1, 2020.\n\nThe term of this Agreement shall be ten (10) years from the First Commercial Sale of the Product.',
      ).expirationDate,
    ).toBeNull();
    expect(
      terms('This Agreement is made as of January 1, 2020.\n\nThis Agreement shall continue until either party terminates it on thirty (30) days notice.')
        .expirationDate?.value,
    ).toBe('perpetual');
  });

  it('reads cover-page fields, "is for a term of" and anniversaries in years', () => {
    expect(terms('TERM: November 1, 2014 to October 31, 2017').expirationDate?.value).toBe('2017-10-31');
    expect(
      terms('This Agreement is made as of March 1, 2020.\n\nThe term of this Agreement is three (3) years from the Effective Date.').expirationDate?.value,
    ).toBe('2023-03-01');
    expect(
      terms(
        'This Agreement is made as of March 1, 2020 (the "Effective Date").\n\nThis Agreement shall extend until the four (4) year anniversary of the Effective Date.',
      ).expirationDate?.value,
    ).toBe('2024-03-01');
  });
});

describe('dates', () => {
  it('prefers "effective as of Y" over "dated X"', () => {
    const t = terms('This Consulting Agreement ("Agreement") dated June 1, 2020, effective as of July 1, 2020 ("Effective Date") is between A Inc. and B LLC.');
    expect(t.effectiveDate?.value).toBe('2020-07-01');
  });

  it('ignores EDGAR page footers and quotes evidence from the original text', () => {
    const text =
      'Source: ACME CORP, 8-K, 3/5/2019\nSUPPLY AGREEMENT\nThis Supply Agreement is made as of May 2, 2018 by and between Acme Corp. and Beta LLC.\nSource: ACME CORP, 8-K, 3/5/2019\n';
    const t = terms(text);
    expect(t.agreementDate?.value).toBe('2018-05-02');
    expect(text.slice(t.agreementDate!.evidence.start, t.agreementDate!.evidence.end)).toBe(t.agreementDate!.evidence.text);
  });
});
