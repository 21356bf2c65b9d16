/** Dates the text states only as a month and year (issue 16): kept as YYYY-MM, never guessed, never counted from. */
import { ZExtractedTerms } from '../../../src/core/extraction/extracted-terms.js';
import { datePrecision, findDates, findPartialDates, formatYearMonth } from '../../../src/core/extraction/rules/parse-dates.js';
import { extractTermsWithRules } from '../../../src/core/extraction/rules/rules-extractor.js';
import { dateMatches, parseGoldDate } from '../../../src/cli/cuad/gold-values.js';

const terms = (text: string) => extractTermsWithRules(text);

describe('finding month-and-year dates', () => {
  it('finds blank days, "day of" blanks and bare months, with exact spans', () => {
    const text = 'dated as of June __, 2010; made this ___ day of April, 2008; effective as of March 2010; signed [ ] December [  ], 2019.';
    const found = findPartialDates(text);
    expect(found.map((d) => d.date)).toEqual(['2010-06', '2008-04', '2010-03', '2019-12']);
    expect(found.map((d) => text.slice(d.start, d.end))).toEqual(['June __, 2010', '___ day of April, 2008', 'March 2010', 'December [  ], 2019']);
    expect(found.map((d) => d.blankDay)).toEqual([true, true, false, true]);
  });

  it('never takes part of a complete date, and leaves findDates alone', () => {
    const text = 'effective as of March 1, 2010 and the 5th day of April, 2011';
    expect(findPartialDates(text)).toEqual([]);
    expect(findDates('June __, 2010')).toEqual([]);
  });

  it('formats and tells the precision', () => {
    expect(formatYearMonth('2010-06')).toBe('June 2010');
    expect(datePrecision('2010-06')).toBe('month');
    expect(datePrecision('2010-06-15')).toBe('day');
  });
});

describe('agreement and effective dates with the day not stated', () => {
  it('returns the month and year of a blank-day preamble date, with the span as evidence', () => {
    const text =
      'LICENSE AGREEMENT\n\nThis License Agreement is dated as of June __, 2010 by and between Alpha Inc. and Beta LLC.\n\nWHEREAS Alpha was formed on May 3, 2001.';
    const t = terms(text);
    expect(t.agreementDate).toEqual({ value: '2010-06', evidence: { start: text.indexOf('June'), end: text.indexOf('2010') + 4, text: 'June __, 2010' } });
    expect(ZExtractedTerms.shape.agreementDate.safeParse(t.agreementDate).success).toBe(true);
  });

  it('reads "made this ___ day of April, 2008" and "effective as of March 2010"', () => {
    expect(terms('This Agreement is made this ___ day of April, 2008, between Alpha Inc. and Beta LLC.').agreementDate?.value).toBe('2008-04');
    const t = terms(
      'SUPPLY AGREEMENT\n\nThis Supply Agreement is effective as of March 2010 between Alpha Inc. and Beta LLC.\n\n1. Term. The term of this Agreement is three (3) years from the Effective Date.',
    );
    expect(t.effectiveDate?.value).toBe('2010-03');
    // A term counted from a month and year ends in a known month, not on a guessed day.
    expect(t.expirationDate?.value).toBe('2013-03');
  });

  it('a complete date still wins where the text states one', () => {
    const t = terms(
      'This Agreement is dated as of June 4, 2010 and is effective as of July 1, 2010 (the "Effective Date").\n\nThe term of this Agreement is one (1) year from the Effective Date.',
    );
    expect(t.agreementDate?.value).toBe('2010-06-04');
    expect(t.effectiveDate?.value).toBe('2010-07-01');
    expect(t.expirationDate?.value).toBe('2011-07-01');
  });

  it('a bare month with no date cue is not a contract date', () => {
    expect(terms('The March 2010 price list applies to all orders placed by Alpha Inc. with Beta LLC.').agreementDate).toBeNull();
  });

  it('the schema refuses malformed partial dates', () => {
    const ev = { start: 0, end: 4, text: 'June' };
    expect(ZExtractedTerms.shape.effectiveDate.safeParse({ value: '2010-13', evidence: ev }).success).toBe(false);
    expect(ZExtractedTerms.shape.effectiveDate.safeParse({ value: '2010', evidence: ev }).success).toBe(false);
    expect(ZExtractedTerms.shape.expirationDate.safeParse({ value: '2010-06', evidence: ev }).success).toBe(true);
    expect(ZExtractedTerms.shape.expirationDate.safeParse({ value: '2010-6', evidence: ev }).success).toBe(false);
  });
});

describe('scoring partial dates against CUAD gold', () => {
  it('counts a month-and-year prediction only where the gold has no day', () => {
    expect(dateMatches('2010-06', parseGoldDate('6/[]/2010')!)).toBe(true);
    expect(dateMatches('2010-06', parseGoldDate('6/[]/10')!)).toBe(true);
    expect(dateMatches('2010-06', parseGoldDate('6/15/2010')!)).toBe(false);
    expect(dateMatches('2010-07', parseGoldDate('6/[]/2010')!)).toBe(false);
    expect(dateMatches('2010-06', parseGoldDate('[]/[]/2010')!)).toBe(false);
    // Full predictions are scored as before.
    expect(dateMatches('2010-06-15', parseGoldDate('6/[]/2010')!)).toBe(true);
    expect(dateMatches('2010-06-15', parseGoldDate('6/15/2010')!)).toBe(true);
  });
});
