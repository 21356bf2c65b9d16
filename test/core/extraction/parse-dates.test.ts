import { findDates, parseDate } from '../../../src/core/extraction/rules/parse-dates.js';

describe('date parsing', () => {
  it.each([
    ['January 1, 2020', '2020-01-01'],
    ['Jan. 5th 2021', '2021-01-05'],
    ['1st day of January, 2020', '2020-01-01'],
    ['20t h day of November, 2018', '2018-11-20'],
    ['the first day of July, 2017', '2017-07-01'],
    ['24 OCT 2011', '2011-10-24'],
    ['01/01/2020', '2020-01-01'],
    ['3/21/08', '2008-03-21'],
    ['29/3/18', '2018-03-29'],
    ['1.4.2011', '2011-04-01'],
    ['2020-01-01', '2020-01-01'],
  ])('parses %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it('rejects impossible dates and blanks', () => {
    expect(parseDate('February 30, 2020')).toBeUndefined();
    expect(parseDate('March ___, 1999')).toBeUndefined();
  });

  it('reports exact spans', () => {
    const text = 'made as of the 14th day of December, 1997 and amended on March 3, 1998.';
    const found = findDates(text);
    expect(found.map((d) => d.date)).toEqual(['1997-12-14', '1998-03-03']);
    for (const d of found) expect(parseDate(text.slice(d.start, d.end))).toBe(d.date);
  });
});
