import { stem, stems } from '../../../src/core/text/stem.js';
import { legalTerm } from '../../../src/infra/retrieval/legal-terms.js';
import { contentTerms, matchedTerms } from '../../../src/core/ask/content-terms.js';

describe('the shared stemmer', () => {
  it('reduces the forms of a word to one stem (Porter)', () => {
    expect(new Set(['terminate', 'terminated', 'termination', 'terminating'].map(stem))).toEqual(new Set(['termin']));
    expect(new Set(['renew', 'renewal', 'renewed', 'renewing', 'renews'].map(stem))).toEqual(new Set(['renew']));
    expect(new Set(['assign', 'assignment', 'assigned'].map(stem))).toEqual(new Set(['assign']));
    // Porter's published examples.
    expect(['caresses', 'ponies', 'relational', 'hopeful', 'generalizations', 'adjustment'].map(stem)).toEqual([
      'caress',
      'poni',
      'relat',
      'hope',
      'gener',
      'adjust',
    ]);
    expect(stem('Terminated')).toBe('termin');
    expect(stem('20-f')).toBe('20-f');
  });

  it('is the one the index, the queries and the core term matching use', () => {
    for (const w of ['Termination', 'renewals', 'assigned', 'liability']) expect(legalTerm(w)).toBe(stem(w));
    expect(contentTerms('Can we terminate the contract?')).toContain(stem('termination'));
    expect(matchedTerms('Either party may end this Agreement upon termination notice.', contentTerms('when can it be terminated'))).toBe(1);
    expect(stems('Non-compete obligations')).toEqual(['non', 'compet', 'oblig']);
  });
});
