import { clauseTypeOf } from '../../core/ask/clause-types.js';
import { LEARNED_CLAUSE_TERMS } from '../../core/ask/learned-clause-terms.js';

/**
 * Contracts rarely use the words people ask with: "notice period" is written "prior written
 * notice", "governing law" is "construed in accordance with the laws of the State of". Each rule
 * adds the contract phrasing when the query mentions the plain-language idea.
 */
interface ExpansionRule {
  when: RegExp;
  add: string;
  /** Answers live in the opening of the contract (title, parties, date). */
  opening?: boolean;
}

const RULES: ExpansionRule[] = [
  { when: /\bdocument name\b|\bname of the contract\b|\btitle\b/i, add: 'agreement', opening: true },
  {
    when: /^parties\b|\bwho (?:are|is) the part(?:y|ies)\b|\bwho signed\b/i,
    add: 'between among by and between inc llc ltd corporation company hereinafter referred',
    opening: true,
  },
  { when: /\bagreement date\b|\bdate of the contract\b/i, add: 'dated as of made entered into day of', opening: true },
  { when: /\beffective date\b|\bwhen the contract is effective\b/i, add: 'effective as of effective date commence', opening: true },
  { when: /\bexpir|\binitial term\b/i, add: 'term initial term shall continue years period expire terminate unless earlier terminated commence' },
  {
    when: /\brenewal\b|\brenew\b|\bextension\b/i,
    add: 'renew automatically renewal term successive additional periods one year extend thereafter unless either party',
  },
  {
    when: /\bnotice period\b|\bnotice\b.*\bterminat\w*\b.*\brenewal\b/i,
    add: 'prior written notice days before end of term non-renewal intent not to renew expiration automatically renew',
  },
  { when: /\bgoverning law\b|\blaw governs\b|\bwhich state\b/i, add: 'governed construed accordance laws state without regard conflicts' },
  { when: /\bmost favou?red\b/i, add: 'most favored terms no less favorable than any other customer lower price better terms' },
  { when: /\bnon-?compete\b|\bcompet\w*\b/i, add: 'compete competing competitive business engage directly or indirectly not' },
  { when: /\bexclusiv/i, add: 'exclusive exclusively sole only not appoint other distributor requirements' },
  { when: /\bsolicit\w*\b.*\bcustomers?\b/i, add: 'solicit customers clients divert induce' },
  { when: /\bsolicit\w*\b.*\bemployees?\b|\bhiring\b/i, add: 'solicit hire employ employees personnel recruit' },
  { when: /\bdisparag/i, add: 'disparage disparaging negative statements reputation' },
  { when: /\bconvenience\b|\bwithout cause\b/i, add: 'terminate without cause for any reason convenience upon days prior written notice' },
  { when: /\brofr\b|\bfirst refusal\b|\bfirst offer\b|\bfirst negotiation\b/i, add: 'right of first refusal first offer first negotiation' },
  { when: /\bchange of control\b|\bmerger\b/i, add: 'change of control merger acquisition substantially all assets voting operation of law' },
  { when: /\bassign\w*\b/i, add: 'assign assignment transfer consent prior written consent' },
  { when: /\brevenue\b|\bprofit\b/i, add: 'royalty royalties percent revenue share profits net sales commission' },
  { when: /\bprice restriction|\braise or reduce prices\b/i, add: 'price increase prices adjust not exceed change prices' },
  { when: /\bminimum\b/i, add: 'minimum purchase order quantity annual minimum guaranteed' },
  { when: /\bvolume\b|\bthreshold\b/i, add: 'exceed excess additional fee volume usage limit' },
  { when: /\bintellectual property\b|\bip\b/i, add: 'intellectual property rights patents inventions own ownership title interest' },
  { when: /\bjoint\b/i, add: 'jointly owned joint ownership' },
  { when: /\blicen[cs]e\b/i, add: 'grants license licensee licensor right to use' },
  { when: /\bnon-?transferable\b|\btransfer the license\b/i, add: 'non-transferable non-sublicensable not transfer sublicense' },
  { when: /\baffiliate/i, add: 'affiliates subsidiaries' },
  { when: /\bunlimited\b|\ball you can eat\b|\benterprise\b/i, add: 'unlimited enterprise wide any number of users' },
  { when: /\birrevocable\b|\bperpetual\b/i, add: 'irrevocable perpetual fully paid royalty-free' },
  { when: /\bescrow\b/i, add: 'source code escrow agent deposit release' },
  { when: /\bpost-?termination\b|\bafter the termination\b/i, add: 'upon termination or expiration survive following termination wind down transition' },
  { when: /\baudit\b/i, add: 'audit inspect books records examine accounts' },
  { when: /\buncapped\b|\bcap on liability\b|\bliability\b/i, add: 'liability liable limitation consequential damages in no event exceed aggregate' },
  { when: /\bliquidated damages\b|\btermination fee\b/i, add: 'liquidated damages termination fee penalty' },
  { when: /\bwarranty\b/i, add: 'warrants warranty period defects months from delivery' },
  { when: /\binsurance\b/i, add: 'insurance maintain policy coverage insured liability insurance' },
  { when: /\bcovenant not to sue\b|\bcontest\w*\b/i, add: 'contest challenge validity not sue claim' },
  { when: /\bthird party beneficiar/i, add: 'third party beneficiary beneficiaries enforce' },
];

export interface ExpandedQuery {
  text: string;
  opening: boolean;
  /** The clause type the query was read as, when it maps to one. */
  category?: string;
}

/**
 * Where expansion words come from: the hand-written rules below, the words learned per clause type
 * from CUAD gold spans (`learned-clause-terms.ts`, for a question that maps to a clause type), or both.
 */
export type ExpansionSource = 'hand' | 'learned' | 'both';
const DEFAULT_EXPANSION: ExpansionSource = 'both';

/**
 * A question of a known clause type is searched for as that type (its name and CUAD description
 * plus the expansion words), not in the asker's own words, so every phrasing of one question
 * retrieves the same passages. Other questions are searched as asked, with the hand rules.
 */
export function expandLegalQuery(query: string, source: ExpansionSource = DEFAULT_EXPANSION): ExpandedQuery {
  const extra: string[] = [];
  const type = source === 'hand' ? undefined : clauseTypeOf(query);
  const learned = type ? LEARNED_CLAUSE_TERMS[type.category] : undefined;
  const base = type ? `${type.category}. ${type.description}` : query;
  let opening = type?.opening === true;
  if (learned && !type?.opening) extra.push(learned.expand.join(' '));
  if (!(source === 'learned' && learned && !type?.opening)) {
    for (const rule of RULES) {
      if (!rule.when.test(base)) continue;
      extra.push(rule.add);
      opening ||= rule.opening === true;
    }
  }
  return { text: [base, ...extra].join(' '), opening, ...(type ? { category: type.category } : {}) };
}
