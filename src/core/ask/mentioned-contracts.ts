import type { Contract } from '../domain/contract.js';

const REF = /\bC-\d{4}-\d{4,}\b/gi;

/** Words of a counterparty name that identify it ("Acme" in "Acme Corp, Inc."). */
function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[.,()]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length >= 3 && !/^(inc|corp|corporation|ltd|llc|gmbh|plc|company|co|the|and|limited|group|holdings|sa|ag|bv|nv)$/.test(w));
}

export function refsIn(question: string): string[] {
  return [...question.matchAll(REF)].map((m) => m[0].toUpperCase());
}

/**
 * The contracts a question names, by reference or by counterparty (its full name or its
 * first distinctive word). Only the given (visible) contracts can be matched.
 */
export function mentionedContracts(question: string, contracts: readonly Contract[]): Contract[] {
  const refs = new Set(refsIn(question));
  if (refs.size > 0) return contracts.filter((c) => refs.has(c.ref));
  const q = ` ${question.toLowerCase().replace(/[^a-z0-9&\s-]/g, ' ')} `;
  const byFull = contracts.filter((c) =>
    q.includes(
      ` ${c.counterparty
        .toLowerCase()
        .replace(/[^a-z0-9&\s-]/g, ' ')
        .trim()} `,
    ),
  );
  if (byFull.length > 0) return byFull;
  return contracts.filter((c) => {
    const first = nameWords(c.counterparty)[0];
    return first !== undefined && q.includes(` ${first} `);
  });
}

/** The counterparty named in a question, as the contracts spell it. */
export function mentionedCounterparty(question: string, contracts: readonly Contract[]): string | undefined {
  const found = mentionedContracts(question, contracts);
  return found[0]?.counterparty;
}
