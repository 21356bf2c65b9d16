import { extractAgreementDate, extractEffectiveDate, extractExpirationDate } from '../../../src/core/extraction/rules/dates.js';
import { extractDocumentName } from '../../../src/core/extraction/rules/document-name.js';
import { extractGoverningLaw } from '../../../src/core/extraction/rules/governing-law.js';
import { extractParties } from '../../../src/core/extraction/rules/parties.js';
import { extractNoticePeriodDays, extractRenewalTerm } from '../../../src/core/extraction/rules/renewal.js';
import { extractValue } from '../../../src/core/extraction/rules/value.js';
import { extractTermsWithRules } from '../../../src/core/extraction/rules/rules-extractor.js';
import { ZExtractedTerms } from '../../../src/core/extraction/extracted-terms.js';

const PREAMBLE = `Exhibit 10.1

MASTER SERVICES AGREEMENT

This Master Services Agreement (the "Agreement") is entered into as of the 1st day of March, 2019 (the "Effective Date") by and between Acme Widgets, Inc., a Delaware corporation ("Acme"), and Jane Q. Roe ("Consultant").

WHEREAS, Acme wishes to engage Consultant;
`;

function expectExact(text: string, ev: { start: number; end: number; text: string } | undefined) {
  expect(ev).toBeDefined();
  expect(text.slice(ev!.start, ev!.end)).toBe(ev!.text);
}

describe('document name and parties', () => {
  it('finds the title line, skipping exhibit labels', () => {
    const name = extractDocumentName(PREAMBLE);
    expect(name?.value).toBe('MASTER SERVICES AGREEMENT');
    expectExact(PREAMBLE, name?.evidence);
  });

  it('finds companies and people defined in the preamble', () => {
    const parties = extractParties(PREAMBLE);
    expect(parties.map((p) => p.value)).toEqual(['Acme Widgets, Inc.', 'Jane Q. Roe']);
    for (const p of parties) expectExact(PREAMBLE, p.evidence);
  });
});

describe('dates', () => {
  it('reads agreement and effective dates from the preamble', () => {
    const agreement = extractAgreementDate(PREAMBLE);
    expect(agreement?.value).toBe('2019-03-01');
    expect(extractEffectiveDate(PREAMBLE, agreement)?.value).toBe('2019-03-01');
  });

  it('has no effective date when the contract never speaks of one', () => {
    const text = 'LEASE\n\nThis Lease is dated May 5, 2020 between Foo LLC and Bar Corp.';
    const agreement = extractAgreementDate(text);
    expect(agreement?.value).toBe('2020-05-05');
    expect(extractEffectiveDate(text, agreement)).toBeNull();
  });

  it('computes expiration from the effective date plus the initial term', () => {
    const text = 'The initial term of this Agreement shall be three (3) years from the Effective Date, unless terminated earlier.';
    const result = extractExpirationDate(text, { value: '2019-03-01', evidence: { start: 0, end: 3, text: 'The' } });
    expect(result?.value).toBe('2022-03-01');
    expectExact(text, result?.evidence);
  });

  it('prefers a stated end date', () => {
    const text = 'The term of this Agreement shall commence on the Effective Date and continue until December 31, 2020, unless extended.';
    expect(extractExpirationDate(text, null)?.value).toBe('2020-12-31');
  });

  it('reads "until terminated" as perpetual', () => {
    const text = 'This Agreement shall commence on the Effective Date and shall continue until terminated in accordance with Section 9.';
    expect(extractExpirationDate(text, null)?.value).toBe('perpetual');
  });
});

describe('renewal and notice', () => {
  const text =
    'Thereafter, this Agreement shall automatically renew for successive one (1) year periods unless either party gives written notice of non-renewal at least ninety (90) days prior to the end of the then-current term.';

  it('reads the renewal period in months', () => {
    expect(extractRenewalTerm(text)?.value).toBe(12);
  });

  it('reads the notice period in days', () => {
    const notice = extractNoticePeriodDays(text);
    expect(notice?.value).toBe(90);
    expectExact(text, notice?.evidence);
  });

  it('reads year-to-year renewals and month notice', () => {
    const t =
      'This Agreement will renew automatically from year to year unless cancelled by either party giving three (3) months written notice before expiration of the current term.';
    expect(extractRenewalTerm(t)?.value).toBe(12);
    expect(extractNoticePeriodDays(t)?.value).toBe(90);
  });

  it('does not take a renewal period in months for the notice period', () => {
    const t =
      'This Agreement shall renew for successive periods of twelve (12) months unless either party gives written notice of non-renewal sixty (60) days before the end of the then-current term.';
    expect(extractRenewalTerm(t)?.value).toBe(12);
    expect(extractNoticePeriodDays(t)?.value).toBe(60);
  });

  it('finds nothing in a contract without renewal', () => {
    const t = 'Either party may terminate this Agreement for material breach upon thirty (30) days written notice.';
    expect(extractRenewalTerm(t)).toBeNull();
    expect(extractNoticePeriodDays(t)).toBeNull();
  });
});

describe('governing law', () => {
  it.each([
    [
      'This Agreement shall be governed by and construed in accordance with the laws of the State of New York, without regard to its conflicts of law rules.',
      'New York',
    ],
    ['THIS AGREEMENT SHALL BE GOVERNED BY THE LAWS OF THE STATE OF DELAWARE WITHOUT GIVING EFFECT TO CONFLICT OF LAWS.', 'Delaware'],
    ['This Agreement shall be governed by the laws of England and Wales.', 'England and Wales'],
    ['This Agreement is governed by the laws of the Province of British Columbia.', 'British Columbia'],
  ])('%s', (text, expected) => {
    const law = extractGoverningLaw(text);
    expect(law?.value).toBe(expected);
    expectExact(text, law?.evidence);
  });

  it('ignores where a company is incorporated', () => {
    expect(extractGoverningLaw('Acme, a corporation organized under the laws of the State of Nevada, shall deliver the goods as governed herein.')).toBeNull();
  });
});

describe('value', () => {
  it('reads a stated total', () => {
    const v = extractValue('The total fees payable under this Agreement shall not exceed $250,000.00 in the aggregate.');
    expect(v?.value).toEqual({ amountMinor: 25_000_000, currency: 'USD' });
  });
});

describe('rules extractor', () => {
  it('returns terms that satisfy ZExtractedTerms with exact evidence', () => {
    const text = `${PREAMBLE}\n1. TERM. The initial term of this Agreement shall be two (2) years from the Effective Date.\n\n2. LAW. This Agreement shall be governed by the laws of the State of California.`;
    const terms = extractTermsWithRules(text);
    expect(ZExtractedTerms.parse(terms)).toEqual(terms);
    expect(terms.expirationDate?.value).toBe('2021-03-01');
    expect(terms.governingLaw?.value).toBe('California');
    for (const p of terms.parties) expectExact(text, p.evidence);
  });
});
