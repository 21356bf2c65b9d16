import { segmentClauses } from '../../../src/core/contract-text/segment-clauses.js';

const CONTRACT = `SUPPLY AGREEMENT

This Supply Agreement is made on January 1, 2020 between Acme Inc. ("Buyer") and Widget LLC ("Seller").

1. DEFINITIONS
"Products" means the widgets listed in Schedule A, as updated from time to time by the parties in writing.

2. TERM
2.1 The term of this Agreement shall be three (3) years from the Effective Date, unless terminated earlier.
2.2 Thereafter this Agreement renews automatically for successive one (1) year periods.

ARTICLE IV
GOVERNING LAW
This Agreement shall be governed by the laws of the State of New York, without regard to conflicts of law.
`;

describe('segmentClauses', () => {
  it('returns passages whose offsets slice the original text exactly', () => {
    const segments = segmentClauses(CONTRACT, { minChars: 40 });
    expect(segments.length).toBeGreaterThanOrEqual(4);
    for (const s of segments) {
      const slice = CONTRACT.slice(s.start, s.end);
      expect(slice.trim()).toBe(slice);
      expect(slice.length).toBeGreaterThan(0);
    }
    for (const [i, s] of segments.entries()) expect(s.index).toBe(i);
  });

  it('starts sections at numbered, ARTICLE and all-caps headings', () => {
    const segments = segmentClauses(CONTRACT, { minChars: 40 });
    const numbers = segments.map((s) => s.number).filter(Boolean);
    // "2. TERM" alone is too short to be a passage: it is merged into 2.1 and keeps its heading.
    expect(numbers).toEqual(['1', '2', '2.2', 'IV']);
    const term = segments.find((s) => s.number === '2')!;
    expect(CONTRACT.slice(term.start, term.end)).toMatch(/^2\. TERM\n2\.1 The term/);
    const law = segments.find((s) => CONTRACT.slice(s.start, s.end).includes('laws of the State of New York'))!;
    expect(law.heading).toBe('ARTICLE IV');
  });

  it('covers the text in order without overlaps', () => {
    const segments = segmentClauses(CONTRACT, { minChars: 40 });
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.start).toBeGreaterThanOrEqual(segments[i - 1]!.end);
    const covered = segments
      .map((s) => CONTRACT.slice(s.start, s.end))
      .join('')
      .replace(/\s+/g, '');
    expect(covered).toBe(CONTRACT.replace(/\s+/g, ''));
  });

  it('cuts a long section into passages of about the maximum size', () => {
    const long = `1. SERVICES\n${'The Supplier shall perform the services with due care. '.repeat(120)}`;
    const segments = segmentClauses(long, { maxChars: 500 });
    expect(segments.length).toBeGreaterThan(5);
    for (const s of segments) {
      expect(s.end - s.start).toBeLessThanOrEqual(500 * 1.25 + 1);
      expect(long.slice(s.start, s.end)).toMatch(/\.$/);
    }
  });

  it('falls back to paragraphs when there are no headings', () => {
    const text =
      'First paragraph about payment of the fees within thirty days.\n\nSecond paragraph about delivery of the goods to the buyer.\n\nThird paragraph about warranties given by the seller.';
    const segments = segmentClauses(text, { minChars: 10 });
    expect(segments.map((s) => text.slice(s.start, s.end).split(' ')[0])).toEqual(['First', 'Second', 'Third']);
  });
});
