/**
 * The kinds of clause people ask about (CUAD's 41 categories, the same ones a contract reviewer
 * uses), each with the everyday ways of asking for it. A question that maps to a clause type is
 * answered with that type's learned clause vocabulary (`learned-clause-terms.ts`); one that does
 * not is answered from its own words.
 *
 * The patterns are written from the categories' meaning, most specific first: "notice to stop a
 * renewal" before "renewal", "uncapped liability" before "cap on liability", and the generic
 * "parties", "date" and "name" questions last.
 */
export type KeyTermField =
  | 'documentName'
  | 'parties'
  | 'agreementDate'
  | 'effectiveDate'
  | 'expirationDate'
  | 'renewalTerm'
  | 'noticePeriodDays'
  | 'governingLaw';

export interface ClauseType {
  /** The CUAD category name. */
  category: string;
  /** CUAD's description of the category (CUAD v1, The Atticus Project, CC BY 4.0). */
  description: string;
  /** Everyday phrasings (tested on the lower-cased question). */
  ask: RegExp;
  /** Answered from this key term first, when the contract has it with its source span. */
  keyTerm?: KeyTermField;
  /** Answers live in the opening of the contract (title, parties, date). */
  opening?: boolean;
}

export const CLAUSE_TYPES: readonly ClauseType[] = [
  {
    category: 'Notice Period To Terminate Renewal',
    description: 'What is the notice period required to terminate renewal?',
    ask: /\bnotice period\b|\bnotice\b.*\b(?:renew|non-?renew|(?:stop|prevent|avoid|cancel|end)\b.*\brenew|auto-?renew)|\b(?:stop|prevent|avoid|cancel|opt out of|block|decline)\b.*\b(?:renewal|renewing|auto-?renew|rolling over|extension)|\bnon-?renewal\b|\bhow (?:far|long|much time) (?:in advance|ahead|before)\b|\bdeadline\b.*\b(?:renew|cancel)|\b(?:let it|let the (?:contract|agreement)) (?:lapse|expire)\b/,
    keyTerm: 'noticePeriodDays',
  },
  {
    category: 'Renewal Term',
    description: 'What is the renewal term after the initial term expires? This includes automatic extensions and unilateral extensions with prior notice.',
    ask: /\brenew|\brenewal\b|\broll(?:s|ing)? over\b|\bextend(?:ed|s)? (?:automatically|itself)\b|\bautomatic(?:ally)? (?:extend|extension|continue)|\bevergreen\b|\bextension (?:term|period)\b/,
    keyTerm: 'renewalTerm',
  },
  {
    category: 'Post-Termination Services',
    description:
      'Is a party subject to obligations after the termination or expiration of a contract, including any post-termination transition, payment, transfer of IP, wind-down, last-buy, or similar commitments?',
    ask: /\b(?:after|following|upon|post)[- ](?:the )?(?:termination|expiration|expiry|it ends|the (?:contract|agreement) ends|we terminate)|\bpost-?termination\b|\bwind[- ]?down\b|\btransition (?:services|period|assistance)\b|\bsurviv|\bafter (?:the )?(?:contract|agreement|term|it) (?:ends|expires|terminates|is terminated|is over)\b/,
  },
  {
    category: 'Change Of Control',
    description:
      'Does one party have the right to terminate or is consent or notice required of the counterparty if such party undergoes a change of control, such as a merger, stock sale, transfer of all or substantially all of its assets or business, or assignment by operation of law?',
    ask: /\bchange (?:of|in) (?:control|ownership)\b|\bmerg(?:e|es|er|ers|ing|ed)\b|\bbought\b|\bacquir|\bacquisition\b|\btake-?over\b|\bbought (?:out|by)\b|\bsold to\b|\bsale of (?:the )?(?:company|business)\b/,
  },
  {
    category: 'Termination For Convenience',
    description: 'Can a party terminate this contract without cause (solely by giving a notice and allowing a waiting period to expire)?',
    ask: /\b(?:terminat\w*|cancel\w*|end|exit|get out of|walk away)\b.*\b(?:for convenience|without (?:cause|reason|a reason)|at any time|for any reason|for no reason|at will)\b|\bterminat\w* for convenience\b|\b(?:can|may|could) (?:we|i|they|either party|a party|the customer|the company)\b.*\b(?:terminat|cancel|end|exit|get out)|\bhow (?:do|can) (?:we|i) (?:get out|exit|terminate|cancel|end)\b|\bearly termination\b|\bright to terminate\b/,
  },
  {
    category: 'Expiration Date',
    description: "On what date will the contract's initial term expire?",
    ask: /\bexpir|\b(?:end|termination) date\b|\bwhen does (?:it|this|the (?:contract|agreement|deal|term|initial term)) (?:end|run out|finish|stop|terminate)\b|\bhow long (?:does|is|will)\b.*\b(?:last|run|valid|in (?:force|effect)|term)\b|\b(?:length|duration) of (?:the )?(?:contract|agreement|term|initial term)\b|\binitial term\b|\bwhat is the term\b|\bterm of (?:the|this) (?:contract|agreement)\b|\buntil when\b|\bruns? until\b/,
    keyTerm: 'expirationDate',
  },
  {
    category: 'Effective Date',
    description: 'The date when the contract is effective',
    ask: /\beffective\b|\btake[sn]? effect\b|\b(?:come|comes) into (?:force|effect)\b|\bstart(?:s|ed)?\b|\bbegin(?:s)?\b|\bcommenc|\bin force from\b|\bgo(?:es)? live\b/,
    keyTerm: 'effectiveDate',
  },
  {
    category: 'Governing Law',
    description: "Which state/country's law governs the interpretation of the contract?",
    ask: /\bgoverning law\b|\b(?:which|what|whose) (?:state|country|jurisdiction)(?:'s)? law\b|\blaw(?:s)? (?:govern|appl|of which)\b|\bgoverned by\b|\bchoice of law\b|\bapplicable law\b|\bwhich law\b|\bunder (?:what|which) law\b|\bjurisdiction\b/,
    keyTerm: 'governingLaw',
  },
  {
    category: 'Most Favored Nation',
    description:
      'Is there a clause that if a third party gets better terms on the licensing or sale of technology/goods/services described in the contract, the buyer of such technology/goods/services under the contract shall be entitled to those better terms?',
    ask: /\bmost[- ]favou?red\b|\bmfn\b|\bbest (?:price|pricing|terms)\b|\bbetter (?:terms|price|pricing|deal)\b|\b(?:lowest|same) price\b.*\b(?:other|any) customers?\b|\bas good as\b/,
  },
  {
    category: 'Competitive Restriction Exception',
    description: 'This category includes the exceptions or carveouts to Non-Compete, Exclusivity and No-Solicit of Customers above.',
    ask: /\b(?:exceptions?|carve[- ]?outs?|excepted|exempt\w*)\b.*\b(?:non-?compet|compet|exclusiv|solicit)|\bstill (?:allowed to )?(?:compete|sell)\b|\ballowed to compete\b/,
  },
  {
    category: 'No-Solicit Of Employees',
    description:
      'Is there a restriction on a party\u2019s soliciting or hiring employees and/or contractors from the counterparty, whether during the contract or after the contract ends (or both)?',
    ask: /\b(?:solicit|poach|hire|hiring|recruit|employ)\w*\b.*\b(?:employees?|staff|people|personnel|workers|contractors|team)\b|\bno[- ]?hire\b|\bnon-?solicit\w* of (?:employees|staff)\b/,
  },
  {
    category: 'No-Solicit Of Customers',
    description:
      'Is a party restricted from contracting or soliciting customers or partners of the counterparty, whether during the contract or after the contract ends (or both)?',
    ask: /\b(?:solicit|poach|approach|steal|divert|contact)\w*\b.*\b(?:customers?|clients?|accounts?|partners)\b|\bnon-?solicit\w*\b/,
  },
  {
    category: 'Non-Compete',
    description:
      'Is there a restriction on the ability of a party to compete with the counterparty or operate in a certain geography or business or technology sector?',
    ask: /\bnon-?compet|\bcompet(?:e|es|ing|ition|itors?|itive)\b|\brestrictive covenant\b/,
  },
  {
    category: 'Exclusivity',
    description:
      'Is there an exclusive dealing commitment with the counterparty? This includes a commitment to procure all \u201crequirements\u201d from one party of certain technology, goods, or services or a prohibition on licensing or selling technology, goods or services to third parties, or a prohibition on collaborating or working with other parties), whether during the contract or after the contract ends (or both).',
    ask: /\bexclusiv|\bsole (?:supplier|distributor|provider|source|right)\b|\bonly (?:supplier|distributor|provider|source)\b|\brequirements\b|\bother (?:distributors|suppliers|resellers|vendors|providers|licensees)\b|\b(?:buy|purchase|source) (?:only|exclusively|everything|all)\b/,
  },
  {
    category: 'Non-Disparagement',
    description: 'Is there a requirement on a party not to disparage the counterparty?',
    ask: /\bdisparag|\bbad-?mouth|\bnegative (?:statements|comments|remarks)\b|\bsay (?:anything )?(?:bad|negative)\b|\bcriticis|\breputation\b/,
  },
  {
    category: 'Rofr/Rofo/Rofn',
    description:
      'Is there a clause granting one party a right of first refusal, right of first offer or right of first negotiation to purchase, license, market, or distribute equity interest, technology, assets, products or services?',
    ask: /\brofr\b|\brofo\b|\brofn\b|\bfirst (?:refusal|offer|negotiation|dibs)\b|\bright to match\b|\bfirst (?:right|chance|option) to (?:buy|purchase|negotiate|acquire)\b/,
  },
  {
    category: 'Revenue/Profit Sharing',
    description: 'Is one party required to share revenue or profit with the counterparty for any technology, goods, or services?',
    ask: /\brevenue\b|\bprofits?\b|\broyalt|\bshare of (?:the )?(?:sales|income|proceeds|revenues?)\b|\bcommission\b|\bsplit (?:the )?(?:money|income|proceeds)\b/,
  },
  {
    category: 'Price Restrictions',
    description: 'Is there a restriction on the ability of a party to raise or reduce prices of technology, goods, or services provided?',
    ask: /\bprice (?:restriction|cap|increase|change|freeze|adjustment)s?\b|\b(?:raise|increase|change|lower|reduce|adjust) (?:the |our |their )?prices?\b|\bprices? (?:fixed|go up|change|increase)\b/,
  },
  {
    category: 'Minimum Commitment',
    description: 'Is there a minimum order size or minimum amount or units per-time period that one party must buy from the counterparty under the contract?',
    ask: /\bminimum\b|\bat least (?:buy|purchase|order)\b|\bcommit(?:ted|ment)? to (?:buy|purchase|order)\b|\bhow much (?:do|must) we (?:have to )?(?:buy|purchase|order)\b|\btake[- ]or[- ]pay\b|\bpurchase (?:commitment|obligation)\b/,
  },
  {
    category: 'Volume Restriction',
    description: 'Is there a fee increase or consent requirement, etc. if one party\u2019s use of the product/services exceeds certain threshold?',
    ask: /\bvolume\b|\bthreshold\b|\busage (?:limit|cap)s?\b|\bexceed\w*\b.*\b(?:limit|usage|cap|quantity)\b|\b(?:use|order|buy) more than\b|\boverage\b|\b(?:cap|limit) on (?:how much|usage|use)\b|\bhow much (?:we|i|they) (?:can|may) use\b/,
  },
  {
    category: 'Joint Ip Ownership',
    description: 'Is there any clause providing for joint or shared ownership of intellectual property between the parties to the contract?',
    ask: /\bjoint(?:ly)?\b.*\b(?:own|ip|intellectual|invent|develop)|\bco-?own|\bshared? ownership\b|\b(?:ip|intellectual property|inventions?)\b.*\bshared\b/,
  },
  {
    category: 'Ip Ownership Assignment',
    description:
      'Does intellectual property created by one party become the property of the counterparty, either per the terms of the contract or upon the occurrence of certain events?',
    ask: /\b(?:who|which party) owns?\b|\bownership\b|\bown(?:s)? the (?:ip|intellectual property|work|work product|inventions|deliverables|results)\b|\bintellectual property\b|\b(?:ip|work product|inventions?|deliverables)\b.*\b(?:belong|assign|owned|own)|\bwork (?:made )?for hire\b/,
  },
  {
    category: 'Anti-Assignment',
    description: 'Is consent or notice required of a party if the contract is assigned to a third party?',
    ask: /\bassign|\btransfer (?:the|this) (?:contract|agreement)\b|\bhand (?:the|this) (?:contract|agreement) (?:over|to)\b|\bnovat|\btransferr?(?:ed|ing)?\b.*\b(?:another|a third|other|new) (?:company|party|entity|owner)\b/,
  },
  {
    category: 'Affiliate License-Licensor',
    description:
      'Does the contract contain a license grant by affiliates of the licensor or that includes intellectual property of affiliates of the licensor?',
    ask: /\baffiliates? of the licensor\b|\blicensor(?:'s)? affiliates?\b|\blicen[cs]e\b.*\bfrom\b.*\baffiliates?\b|\baffiliates?\b.*\b(?:grant|licen[cs]e) (?:to us|rights)\b/,
  },
  {
    category: 'Affiliate License-Licensee',
    description: 'Does the contract contain a license grant to a licensee (incl. sublicensor) and the affiliates of such licensee/sublicensor?',
    ask: /\baffiliates?\b|\bsubsidiar/,
  },
  {
    category: 'Uncapped Liability',
    description:
      'Is a party\u2019s liability uncapped upon the breach of its obligation in the contract? This also includes uncap liability for a particular type of breach such as IP infringement or breach of confidentiality obligation.',
    ask: /\buncapped\b|\bunlimited liability\b|\bno (?:cap|limit) on (?:liability|damages)\b|\bliability\b.*\b(?:not (?:capped|limited)|unlimited|exclusions? from the cap|carve[- ]?outs?)\b|\bexceptions? to the (?:liability )?(?:cap|limitation)(?: of liability)?\b|\bliabilit\w*\b.*\bnot (?:capped|limited)\b/,
  },
  {
    category: 'Unlimited/All-You-Can-Eat-License',
    description: 'Is there a clause granting one party an \u201centerprise,\u201d \u201call you can eat\u201d or unlimited usage license?',
    ask: /\bunlimited\b|\ball[- ]you[- ]can[- ]eat\b|\benterprise[- ](?:wide )?licen|\bany number of (?:users|copies|seats|installations)\b|\bno (?:limit|cap) on (?:users|usage|use|copies|seats)\b/,
  },
  {
    category: 'Irrevocable Or Perpetual License',
    description: 'Does the contract contain a license grant that is irrevocable or perpetual?',
    ask: /\birrevocabl|\bperpetual\b|\bforever\b|\b(?:can|could) (?:the )?licen[cs]e be (?:revoked|taken away|withdrawn)\b|\bnever expires?\b/,
  },
  {
    category: 'Non-Transferable License',
    description: 'Does the contract limit the ability of a party to transfer the license being granted to a third party?',
    ask: /\b(?:non-?)?transferable\b|\btransfer (?:the |our |my |its )?licen[cs]e\b|\bsub-?licen[cs]|\blicen[cs]e\b.*\b(?:transfer|pass on|hand over)\b/,
  },
  {
    category: 'License Grant',
    description: 'Does the contract contain a license granted by one party to its counterparty?',
    ask: /\blicen[cs]e|\bright to use\b|\bpermission to use\b|\ballowed to use\b|\bgrant(?:s|ed)? (?:us|them|rights?)\b/,
  },
  {
    category: 'Source Code Escrow',
    description:
      'Is one party required to deposit its source code into escrow with a third party, which can be released to the counterparty upon the occurrence of certain events (bankruptcy, insolvency, etc.)?',
    ask: /\bescrow\b|\bsource code\b/,
  },
  {
    category: 'Audit Rights',
    description: 'Does a party have the right to audit the books, records, or physical locations of the counterparty to ensure compliance with the contract?',
    ask: /\baudit|\binspect\w*\b|\b(?:books|records)\b|\bcheck (?:their|our|the) (?:books|records|accounts|compliance)\b/,
  },
  {
    category: 'Insurance',
    description: 'Is there a requirement for insurance that must be maintained by one party for the benefit of the counterparty?',
    ask: /\binsur|\bcoverage\b|\bpolicy limits?\b/,
  },
  {
    category: 'Cap On Liability',
    description:
      'Does the contract include a cap on liability upon the breach of a party\u2019s obligation? This includes time limitation for the counterparty to bring claims or maximum amount for recovery.',
    ask: /\bliabilit|\bliable\b|\bcap on\b|\bmaximum (?:damages|exposure|amount)\b|\bhow much (?:can|could|would) (?:we|they|i)\b.*\b(?:owe|pay|be sued|claim)\b|\blimit(?:ation)? of (?:liability|damages)\b|\bdamages (?:limited|capped)\b/,
  },
  {
    category: 'Liquidated Damages',
    description:
      'Does the contract contain a clause that would award either party liquidated damages for breach or a fee upon the termination of a contract (termination fee)?',
    ask: /\bliquidated\b|\btermination fee\b|\bbreak(?:-up)? fee\b|\bpenalt|\bearly termination (?:fee|charge|payment)\b|\bfixed damages\b|\bfixed (?:amount|sum) (?:of )?damages\b/,
  },
  {
    category: 'Warranty Duration',
    description: 'What is the duration of any warranty against defects or errors in technology, products, or services provided under the contract?',
    ask: /\bwarrant|\bguarantee period\b|\bdefects?\b|\bhow long (?:is|are) .*\bguarantee/,
  },
  {
    category: 'Covenant Not To Sue',
    description:
      'Is a party restricted from contesting the validity of the counterparty\u2019s ownership of intellectual property or otherwise bringing a claim against the counterparty for matters unrelated to the contract?',
    ask: /\bnot (?:to )?sue\b|\bcovenant not to sue\b|\bcontest\w*\b|\bchalleng\w*\b.*\b(?:validity|patent|ip|ownership|trademark)|\bdispute (?:the )?validity\b|\bbring(?:ing)? (?:a |any )?(?:claims?|suits?|lawsuits?)\b/,
  },
  {
    category: 'Third Party Beneficiary',
    description:
      'Is there a non-contracting party who is a beneficiary to some or all of the clauses in the contract and therefore can enforce its rights against a contracting party?',
    ask: /\bthird[- ]part(?:y|ies) beneficiar|\bbeneficiar|\b(?:non-?part(?:y|ies)|outsiders?|someone else|anyone else|third parties) (?:enforce|rely|benefit)|\bwho else can enforce\b|\b(?:anyone|someone|who)\b.*\b(?:outside|other than|besides) the parties\b/,
  },
  {
    category: 'Agreement Date',
    description: 'The date of the contract',
    ask: /\bagreement date\b|\bcontract date\b|\bwhen was (?:it|this|the (?:contract|agreement|deal)) (?:signed|made|dated|entered|executed|concluded|written)\b|\bdate of (?:the|this) (?:contract|agreement|document)\b|\b(?:signing|execution|signature) date\b|\bdated\b|\bwhat date\b|\bwhen (?:did|was) .*\b(?:sign|execut|enter)/,
    keyTerm: 'agreementDate',
    opening: true,
  },
  {
    category: 'Document Name',
    description: 'The name of the contract',
    ask: /\b(?:document|contract|agreement) (?:name|title)\b|\b(?:name|title) of (?:the|this) (?:document|contract|agreement)\b|\bwhat (?:is|kind of|type of) (?:this|the) (?:document|contract|agreement)\b|\bwhat is (?:this|it) called\b|\bwhat (?:kind|type|sort) of (?:agreement|contract|document)\b|\bwhat(?:'s| is) (?:the|its) (?:title|name)\b/,
    keyTerm: 'documentName',
    opening: true,
  },
  {
    category: 'Parties',
    description: 'The two or more parties who signed the contract',
    ask: /^(?:who|which|what)\b.*\bpart(?:y|ies)\b(?! to (?:enforce|benefit))|\bparties (?:to|of|in) (?:this|the)\b|\bpart(?:y|ies)\??$|\bwho (?:signed|is (?:it|this) (?:with|between)|are we dealing with|is the (?:counterparty|other side|customer|supplier|vendor|licensee|licensor))|\bcounterpart(?:y|ies)\b|\bbetween whom\b|\bwho(?:'s| is) involved\b|\bsignator/,
    keyTerm: 'parties',
    opening: true,
  },
];

function normalise(question: string): string {
  return question.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}

const BY_NAME = new Map(CLAUSE_TYPES.map((t) => [t.category.toLowerCase(), t]));

/**
 * The clause type a question asks about, or undefined. A question that names a category outright
 * ("Governing Law. Which state's law ...") is that category; otherwise the first matching pattern.
 */
export function clauseTypeOf(question: string): ClauseType | undefined {
  const q = normalise(question);
  const named = /^([a-z/ -]+?)\s*[.:]\s/.exec(q);
  if (named) {
    const exact = BY_NAME.get(named[1]!.trim());
    if (exact) return exact;
  }
  return CLAUSE_TYPES.find((t) => t.ask.test(q));
}

export function clauseTypeByCategory(category: string): ClauseType | undefined {
  return BY_NAME.get(category.toLowerCase());
}
