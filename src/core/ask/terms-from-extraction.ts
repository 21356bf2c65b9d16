import type { ExtractedTerms, Evidenced } from '../extraction/extracted-terms.js';
import { isYearMonth } from '../extraction/rules/parse-dates.js';
import { sentenceRanges } from '../extraction/rules/sentences.js';
import type { ProposedField, ProposedTerms, TermSource } from '../domain/term-proposal.js';

type Extractor = TermSource['extractor'];

const TYPE_RULES: Array<[RegExp, string]> = [
  [/master\s+(?:services?|subscription|purchase)\s+agreement|\bmsa\b/i, 'msa'],
  [/non-?disclosure|confidentiality\s+agreement|\bnda\b/i, 'nda'],
  [/statement\s+of\s+work|\bsow\b/i, 'sow'],
  [/order\s+form/i, 'order_form'],
  [/licen[cs]e\s+agreement/i, 'license'],
  [/supply\s+agreement/i, 'supply'],
  [/distribut\w+\s+agreement/i, 'distribution'],
];

function contractTypeOf(name: string): string {
  return TYPE_RULES.find(([re]) => re.test(name))?.[1] ?? 'other';
}

function sentenceAround(text: string, start: number, end: number): string {
  const s = sentenceRanges(text).find((r) => r.start <= start && end <= r.end + 1);
  return (s ? text.slice(s.start, Math.max(s.end, end)) : text.slice(start, end)).replace(/\s+/g, ' ').trim();
}

function isOwnCompany(party: string, companyName: string): boolean {
  const first = companyName.toLowerCase().split(/\s+/)[0] ?? '';
  return first.length >= 3 && party.toLowerCase().includes(first);
}

function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/\b([a-z])/g, (m) => m.toUpperCase())
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Turns extracted key terms into proposed contract terms, each with the sentence it came from.
 * Values without evidence never get here: extractors attach it and `verifyEvidence` drops the rest.
 */
export function termsFromExtraction(
  text: string,
  extracted: ExtractedTerms,
  opts: { fileName: string; companyName: string; extractor: (field: keyof ExtractedTerms) => Extractor },
): { terms: ProposedTerms; sources: Partial<Record<ProposedField, TermSource>> } {
  const terms: ProposedTerms = {};
  const sources: Partial<Record<ProposedField, TermSource>> = {};
  const put = <T>(field: ProposedField, from: keyof ExtractedTerms, item: Evidenced<T> | null | undefined, value: ProposedTerms[ProposedField]) => {
    if (!item) return;
    (terms as Record<string, unknown>)[field] = value;
    const { start, end, text: quote } = item.evidence;
    sources[field] = { quote, sentence: sentenceAround(text, start, end), start, end, extractor: opts.extractor(from) };
  };

  const docName = extracted.documentName;
  if (docName) put('title', 'documentName', docName, titleCase(docName.value).slice(0, 200));
  else terms.title = opts.fileName.replace(/\.[a-z0-9]{2,5}$/i, '').slice(0, 200) || 'Uploaded contract';
  const typeSource = docName?.value ?? opts.fileName;
  if (docName) put('type', 'documentName', docName, contractTypeOf(typeSource));
  else terms.type = contractTypeOf(typeSource);

  const other = extracted.parties.find((p) => !isOwnCompany(p.value, opts.companyName)) ?? extracted.parties[0];
  put('counterparty', 'parties', other, other?.value.slice(0, 200));
  put('value', 'value', extracted.value, extracted.value?.value);
  const start = extracted.effectiveDate ?? extracted.agreementDate;
  const startFrom = start === extracted.effectiveDate ? 'effectiveDate' : 'agreementDate';
  if (start && isYearMonth(start.value)) {
    // Only the month and year are written: shown with its source, never a start date that drives
    // renewals. The start date stays empty until the person confirming enters the day.
    put('startDate', startFrom, start, undefined);
    delete terms.startDate;
    sources.startDate = { ...sources.startDate!, partialValue: start.value };
  } else {
    put('startDate', startFrom, start, start?.value);
  }
  const exp = extracted.expirationDate;
  if (exp && isYearMonth(exp.value)) {
    put('endDate', 'expirationDate', exp, undefined);
    delete terms.endDate;
    sources.endDate = { ...sources.endDate!, partialValue: exp.value };
  } else if (exp && exp.value !== 'perpetual') {
    put('endDate', 'expirationDate', exp, exp.value);
  }
  if (extracted.renewalTerm) {
    put('autoRenews', 'renewalTerm', extracted.renewalTerm, true);
    put('renewalTermMonths', 'renewalTerm', extracted.renewalTerm, extracted.renewalTerm.value);
  } else {
    terms.autoRenews = false;
  }
  put('noticePeriodDays', 'noticePeriodDays', extracted.noticePeriodDays, extracted.noticePeriodDays?.value);
  put('governingLaw', 'governingLaw', extracted.governingLaw, extracted.governingLaw?.value.slice(0, 120));
  return { terms, sources };
}

/** Per field, the LLM's verified value when it has one, else the rules' value. */
export function mergeExtractions(
  rules: ExtractedTerms,
  llm: ExtractedTerms | undefined,
): { terms: ExtractedTerms; from: (f: keyof ExtractedTerms) => Extractor } {
  if (!llm) return { terms: rules, from: () => 'rules' };
  const merged = { ...rules } as Record<keyof ExtractedTerms, unknown>;
  const fromLlm = new Set<keyof ExtractedTerms>();
  for (const key of Object.keys(rules) as Array<keyof ExtractedTerms>) {
    const value = llm[key];
    const present = Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined;
    if (present) {
      merged[key] = value;
      fromLlm.add(key);
    }
  }
  return { terms: merged as ExtractedTerms, from: (f) => (fromLlm.has(f) ? 'llm' : 'rules') };
}
