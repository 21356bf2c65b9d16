import { emptyTerms } from '../../../src/core/extraction/extracted-terms.js';
import { verifyEvidence } from '../../../src/core/extraction/verify-evidence.js';

const TEXT = 'This Agreement shall be governed by the laws of the State of   New York.\nIt is made by Acme Inc. and Beta LLC.';

describe('verifyEvidence', () => {
  it('drops a value whose quote is not in the document', () => {
    const terms = {
      ...emptyTerms(),
      governingLaw: { value: 'Texas', evidence: { start: 0, end: 10, text: 'laws of the State of Texas' } },
      parties: [
        { value: 'Acme Inc.', evidence: { start: 86, end: 95, text: 'Acme Inc.' } },
        { value: 'Gamma Corp', evidence: { start: 0, end: 10, text: 'Gamma Corp' } },
      ],
    };
    const verified = verifyEvidence(TEXT, terms);
    expect(verified.governingLaw).toBeNull();
    expect(verified.parties.map((p) => p.value)).toEqual(['Acme Inc.']);
  });

  it('keeps a true quote and corrects wrong offsets, even with collapsed whitespace', () => {
    const terms = {
      ...emptyTerms(),
      governingLaw: { value: 'New York', evidence: { start: 3, end: 9, text: 'State of New York' } },
    };
    const verified = verifyEvidence(TEXT, terms);
    const ev = verified.governingLaw!.evidence;
    expect(TEXT.slice(ev.start, ev.end)).toBe(ev.text);
    expect(ev.text).toBe('State of   New York');
  });
});
