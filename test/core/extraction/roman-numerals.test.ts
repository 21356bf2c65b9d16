/** Roman numerals in the rules (issue 16): section headings that mark the term, and durations. */
import { HEADING_NUMBER, parseRomanNumeral } from '../../../src/core/extraction/rules/headings.js';
import { findDurations } from '../../../src/core/extraction/rules/numbers.js';
import { extractTermsWithRules } from '../../../src/core/extraction/rules/rules-extractor.js';

describe('parseRomanNumeral', () => {
  it('reads I to XXX in one case', () => {
    const expected = [
      'I',
      'II',
      'III',
      'IV',
      'V',
      'VI',
      'VII',
      'VIII',
      'IX',
      'X',
      'XI',
      'XII',
      'XIII',
      'XIV',
      'XV',
      'XVI',
      'XVII',
      'XVIII',
      'XIX',
      'XX',
      'XXI',
      'XXII',
      'XXIII',
      'XXIV',
      'XXV',
      'XXVI',
      'XXVII',
      'XXVIII',
      'XXIX',
      'XXX',
    ];
    expect(expected.map(parseRomanNumeral)).toEqual(expected.map((_, i) => i + 1));
    expect(parseRomanNumeral('iv')).toBe(4);
    expect(parseRomanNumeral('xxiv')).toBe(24);
  });

  it('refuses what is not a numeral from I to XXX', () => {
    for (const bad of ['', 'IIII', 'VX', 'IL', 'XL', 'XXXI', 'IVI', 'VV', 'Iv', 'ABC', 'MCM']) expect(parseRomanNumeral(bad)).toBeUndefined();
  });
});

describe('headings with Roman numerals', () => {
  const heading = new RegExp(`^${HEADING_NUMBER}\\s*term\\b`, 'i');
  it('recognises Article, Section and bare Roman numbers as well as digits', () => {
    for (const h of ['ARTICLE IV TERM', 'Article XII. Term', 'Section III Term', 'IV. TERM', 'xiv term', '4. Term', 'Section 4.1 Term'])
      expect(h).toMatch(heading);
    expect('Vterm').not.toMatch(heading);
  });

  it('a term sentence under a Roman-numbered heading outranks a payment-period sentence', () => {
    const text =
      'The first Contract Year shall begin on the Effective Date and the Agreement shall be for the payment periods of two (2) years set out in Exhibit B.\n\n' +
      'ARTICLE IV TERM This Agreement shall be in effect for five (5) years from January 1, 2010.';
    expect(extractTermsWithRules(text).expirationDate?.value).toBe('2015-01-01');
  });

  it('a "Term and Renewal" heading line does not cut the initial term short', () => {
    const body = '\nThe initial term of this Agreement is two (2) years from the Effective Date. It renews for successive one (1) year periods.';
    const start = 'This Agreement is entered into as of January 15, 2026 (the "Effective Date").\n\n';
    for (const heading of ['ARTICLE IV - TERM AND RENEWAL', '2. Term and Renewal', 'Section XII Term; Renewal'.replace(';', ' and')]) {
      expect(extractTermsWithRules(start + heading + body).expirationDate?.value).toBe('2028-01-15');
    }
  });

  it('reads a cover-page term field after a Roman number', () => {
    expect(extractTermsWithRules('II. Term: January 1, 2014 to December 31, 2016.').expirationDate?.value).toBe('2016-12-31');
  });
});

describe('durations with Roman numerals', () => {
  it('reads "V years", "III (3) months" and "XII months"', () => {
    const amounts = (s: string) => findDurations(s).map((d) => [d.amount, d.unit]);
    expect(amounts('for a term of V years')).toEqual([[5, 'year']]);
    expect(amounts('for III (3) months')).toEqual([[3, 'month']]);
    expect(amounts('renews for XII months')).toEqual([[12, 'month']]);
  });

  it('leaves the pronoun, blanks, lower-case words and bad numerals alone', () => {
    expect(findDurations('I days')).toEqual([]);
    expect(findDurations('within X days')).toEqual([]);
    expect(findDurations('within [X] days and [IV] days')).toEqual([]);
    expect(findDurations('vi days')).toEqual([]);
    expect(findDurations('IIII years')).toEqual([]);
    expect(findDurations('within X (10) days').map((d) => d.amount)).toEqual([10]);
    // Digits and words are read as before.
    expect(findDurations('ninety (90) days or 30 days, a one-year term').map((d) => d.amount)).toEqual([90, 30, 1]);
  });

  it('computes the expiration from a Roman-numeral term', () => {
    expect(extractTermsWithRules('This Agreement is effective as of March 1, 2011 and shall continue for a term of V years.').expirationDate?.value).toBe(
      '2016-03-01',
    );
  });
});
