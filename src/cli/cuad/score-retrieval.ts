import type { CuadQuestion } from './cuad-data.js';

export interface RetrievalRecord {
  id: string;
  passages: Array<{ start: number; end: number }>;
}

export interface RetrievalScore {
  questions: number;
  hitsAt1: number;
  hitsAt5: number;
  recallAt1: number;
  recallAt5: number;
  /** Mean length of returned passages: recall only means something next to passage size. */
  meanPassageChars: number;
  byCategory: Array<{ category: string; questions: number; recallAt1: number; recallAt5: number }>;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** A question is a hit@k when one of its top k passages overlaps one of its gold answer spans. */
function hitAt(k: number, passages: RetrievalRecord['passages'], q: CuadQuestion): boolean {
  return passages.slice(0, k).some((p) => q.answers.some((a) => overlaps(p, a)));
}

export function scoreRetrieval(records: RetrievalRecord[], questions: CuadQuestion[]): RetrievalScore {
  const byId = new Map(records.map((r) => [r.id, r.passages]));
  const answerable = questions.filter((q) => !q.isImpossible && q.answers.length > 0);
  const perCategory = new Map<string, { questions: number; at1: number; at5: number }>();
  let at1 = 0;
  let at5 = 0;
  for (const q of answerable) {
    const passages = byId.get(q.id) ?? [];
    const h1 = hitAt(1, passages, q);
    const h5 = hitAt(5, passages, q);
    at1 += h1 ? 1 : 0;
    at5 += h5 ? 1 : 0;
    const c = perCategory.get(q.category) ?? { questions: 0, at1: 0, at5: 0 };
    c.questions++;
    c.at1 += h1 ? 1 : 0;
    c.at5 += h5 ? 1 : 0;
    perCategory.set(q.category, c);
  }
  const n = answerable.length;
  const lengths = records.flatMap((r) => r.passages.map((p) => p.end - p.start));
  const meanPassageChars = lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 0;
  return {
    questions: n,
    hitsAt1: at1,
    hitsAt5: at5,
    recallAt1: n ? at1 / n : 0,
    recallAt5: n ? at5 / n : 0,
    meanPassageChars,
    byCategory: [...perCategory].map(([category, c]) => ({
      category,
      questions: c.questions,
      recallAt1: c.at1 / c.questions,
      recallAt5: c.at5 / c.questions,
    })),
  };
}
