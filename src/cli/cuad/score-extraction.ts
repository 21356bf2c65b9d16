import type { CuadQuestion } from './cuad-data.js';
import type { ExtractedField, ExtractionRecord } from './extraction-record.js';
import {
  dateMatches,
  expirationMatches,
  goldJurisdictions,
  jurisdictionMatches,
  namesOverlap,
  noticeMatches,
  parseGoldDates,
  parseGoldExpirations,
  parseGoldNoticeDays,
  parseGoldRenewalMonths,
} from './gold-values.js';

export interface FieldScore {
  field: ExtractedField;
  /** Values predicted (parties: names predicted). */
  predicted: number;
  /** Gold values present (parties: gold party strings). */
  gold: number;
  /** Predictions that match gold (parties: predicted names matching some gold string). */
  correctPredicted: number;
  /** Gold values found (parties: gold strings matched by some predicted name). */
  correctGold: number;
  precision: number;
  recall: number;
}

const CATEGORY: Record<ExtractedField, string> = {
  documentName: 'Document Name',
  parties: 'Parties',
  agreementDate: 'Agreement Date',
  effectiveDate: 'Effective Date',
  expirationDate: 'Expiration Date',
  renewalTerm: 'Renewal Term',
  noticePeriodDays: 'Notice Period To Terminate Renewal',
  governingLaw: 'Governing Law',
};

/**
 * Gold for one single-valued field: `undefined` when CUAD has an answer we cannot score (e.g. a
 * date with every part blank), so the contract is left out of that field; `[]` when there is
 * no answer, so any prediction is a false positive.
 */
type Matcher = (predicted: unknown, q: CuadQuestion) => { scorable: boolean; present: boolean; correct: boolean };

function single<G>(parse: (a: string | null | undefined) => G[], match: (p: never, g: G) => boolean): Matcher {
  return (predicted, q) => {
    const gold = parse(q.normalizedAnswer);
    const hasAnswer = q.normalizedAnswer != null && q.normalizedAnswer.trim() !== '';
    if (hasAnswer && gold.length === 0) return { scorable: false, present: false, correct: false };
    const correct = predicted != null && gold.some((g) => match(predicted as never, g));
    return { scorable: true, present: gold.length > 0, correct };
  };
}

const MATCHERS: Record<Exclude<ExtractedField, 'parties'>, Matcher> = {
  documentName: (predicted, q) => {
    const gold = q.answers.map((a) => a.text);
    return { scorable: true, present: gold.length > 0, correct: predicted != null && gold.some((g) => namesOverlap(String(predicted), g)) };
  },
  agreementDate: single(parseGoldDates, (p: string, g) => dateMatches(p, g)),
  effectiveDate: single(parseGoldDates, (p: string, g) => dateMatches(p, g)),
  expirationDate: single(parseGoldExpirations, (p: string, g) => expirationMatches(p, g)),
  renewalTerm: single(parseGoldRenewalMonths, (p: number, g) => p === g),
  noticePeriodDays: single(parseGoldNoticeDays, (p: number, g) => noticeMatches(p, g)),
  governingLaw: single(goldJurisdictions, (p: string, g) => jurisdictionMatches(p, g)),
};

function ratio(n: number, d: number): number {
  return d === 0 ? 0 : n / d;
}

export function scoreExtraction(records: ExtractionRecord[], questions: CuadQuestion[]): FieldScore[] {
  const byKey = new Map(questions.map((q) => [`${q.contractId}\u0000${q.category}`, q]));
  const scores: FieldScore[] = [];
  for (const field of Object.keys(CATEGORY) as ExtractedField[]) {
    const s = { field, predicted: 0, gold: 0, correctPredicted: 0, correctGold: 0 };
    for (const record of records) {
      const q = byKey.get(`${record.id}\u0000${CATEGORY[field]}`);
      if (!q) continue;
      if (field === 'parties') {
        const gold = q.answers.map((a) => a.text);
        const predicted = record.fields.parties;
        s.predicted += predicted.length;
        s.gold += gold.length;
        s.correctPredicted += predicted.filter((p) => gold.some((g) => namesOverlap(p, g))).length;
        s.correctGold += gold.filter((g) => predicted.some((p) => namesOverlap(p, g))).length;
        continue;
      }
      const predicted = record.fields[field];
      const result = MATCHERS[field](predicted, q);
      if (!result.scorable) continue;
      if (predicted != null) s.predicted++;
      if (result.present) s.gold++;
      if (result.correct) {
        s.correctPredicted++;
        s.correctGold++;
      }
    }
    scores.push({ ...s, precision: ratio(s.correctPredicted, s.predicted), recall: ratio(s.correctGold, s.gold) });
  }
  return scores;
}
