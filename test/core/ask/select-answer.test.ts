import { clauseTypeOf, CLAUSE_TYPES } from '../../../src/core/ask/clause-types.js';
import { LEARNED_CLAUSE_TERMS } from '../../../src/core/ask/learned-clause-terms.js';
import { selectAnswer, termsNeeded } from '../../../src/core/ask/select-answer.js';
import { isFooterLine, isHeading, isSignatureLine, quotablePieces } from '../../../src/core/ask/sentence-pieces.js';
import { blankPageFooters } from '../../../src/core/contract-text/page-footers.js';

const CONTRACT = `9. TERM AND TERMINATION
9.1 Term.
This Agreement shall commence on the Effective Date and continue for three (3) years.
9.2 Termination for Convenience.
Either party may terminate this Agreement for convenience upon ninety (90) days' prior written notice to the other party.
Source: ACME CORP, 8-K, 3/5/2019
10. Limitation of Liability.
In no event shall either party's aggregate liability under this Agreement exceed the fees paid in the twelve (12) months before the claim.
IN WITNESS WHEREOF, the parties have executed this Agreement.
By: ____________________
Title: President
`;

describe('clause types of everyday questions', () => {
  it('maps phrasings to the CUAD clause type they ask about, most specific first', () => {
    expect(clauseTypeOf('How much notice do we need to give to stop the renewal?')?.category).toBe('Notice Period To Terminate Renewal');
    expect(clauseTypeOf('Does the contract renew automatically?')?.category).toBe('Renewal Term');
    expect(clauseTypeOf('Which liabilities are not limited?')?.category).toBe('Uncapped Liability');
    expect(clauseTypeOf('Is liability limited?')?.category).toBe('Cap On Liability');
    expect(clauseTypeOf('Are there any third party beneficiaries?')?.category).toBe('Third Party Beneficiary');
    expect(clauseTypeOf('Who are the parties to this agreement?')?.category).toBe('Parties');
    expect(clauseTypeOf('Governing Law. Which state/country law governs the interpretation of the contract?')?.category).toBe('Governing Law');
    expect(clauseTypeOf('What does it say about carbon offsets for bananas?')).toBeUndefined();
  });

  it('has learned terms and a threshold for every clause type', () => {
    for (const t of CLAUSE_TYPES) {
      const learned = LEARNED_CLAUSE_TERMS[t.category];
      expect(learned).toBeDefined();
      expect(Object.keys(learned!.weights).length).toBeGreaterThan(0);
    }
  });
});

describe('quotable sentences', () => {
  it('never treats a heading, a signature line or a page footer as an answer', () => {
    expect(isHeading('9.5 Limitation of Liability.')).toBe(true);
    expect(isHeading('ARTICLE IV - TERM')).toBe(true);
    expect(isHeading('Either party may terminate this Agreement for convenience.')).toBe(false);
    expect(isSignatureLine('Title: President')).toBe(true);
    expect(isSignatureLine('By: /s/ Jane Doe')).toBe(true);
    expect(isFooterLine('Source: ACME CORP, 8-K, 3/5/2019')).toBe(true);
    expect(isFooterLine('Page 3 of 12')).toBe(true);
  });

  it('joins a sentence wrapped over lines but keeps headings apart', () => {
    const text = 'TERM\nThis Agreement shall continue\nfor three years.';
    expect(quotablePieces(text).map((p) => text.slice(p.start, p.end))).toEqual(['TERM', 'This Agreement shall continue\nfor three years.']);
  });

  it('blanks page footers without moving any offset', () => {
    const blanked = blankPageFooters(CONTRACT);
    expect(blanked).toHaveLength(CONTRACT.length);
    expect(blanked).not.toContain('Source:');
    expect(blanked).not.toContain('3/5/2019');
    expect(blanked.slice(0, 40)).toBe(CONTRACT.slice(0, 40));
  });
});

describe('selectAnswer', () => {
  const passages = [{ start: 0, text: CONTRACT }];

  it('quotes the sentence of the clause type asked about, with exact offsets', () => {
    for (const q of ['Can we terminate the contract without cause?', 'Can either party end the agreement for convenience?', 'Can we cancel at any time?']) {
      const a = selectAnswer(q, passages);
      expect(a.clauseType).toBe('Termination For Convenience');
      expect(a.quotes[0]!.quote).toMatch(/^Either party may terminate this Agreement for convenience/);
      expect(CONTRACT.slice(a.quotes[0]!.start, a.quotes[0]!.end)).toBe(a.quotes[0]!.quote);
    }
  });

  it('never quotes a bare heading, a signature block or a footer', () => {
    for (const q of ['What is the limitation of liability?', 'Who signed the contract?', 'What is the title of this agreement?', 'What is the term?']) {
      for (const c of selectAnswer(q, passages).quotes) {
        expect(isHeading(c.quote)).toBe(false);
        expect(isSignatureLine(c.quote)).toBe(false);
        expect(isFooterLine(c.quote)).toBe(false);
      }
    }
  });

  it('answers key-term questions from the key term span first', () => {
    const expiration = { start: CONTRACT.indexOf('This Agreement shall commence'), end: CONTRACT.indexOf('years.') + 6, text: '' };
    expiration.text = CONTRACT.slice(expiration.start, expiration.end);
    const a = selectAnswer('When does the contract end?', passages, { keyTerms: { expirationDate: expiration } });
    expect(a.clauseType).toBe('Expiration Date');
    expect(a.quotes[0]).toMatchObject({ from: 'key_term', start: expiration.start, end: expiration.end });
  });

  it('refuses when no sentence is of the clause type asked about', () => {
    expect(selectAnswer('Is there a source code escrow?', passages).quotes).toEqual([]);
    expect(selectAnswer('Is there a most favored nation clause?', passages).quotes).toEqual([]);
  });

  it('scales the words an untyped question needs to its length', () => {
    expect([1, 2, 3, 6, 7, 12].map(termsNeeded)).toEqual([1, 1, 2, 2, 3, 4]);
    expect(selectAnswer('What about the claim before the fees?', passages).quotes[0]?.quote).toMatch(/^In no event/);
    expect(selectAnswer('What does it say about carbon offsets for bananas?', passages).quotes).toEqual([]);
  });
});
