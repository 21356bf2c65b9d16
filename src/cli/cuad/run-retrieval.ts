import { MiniSearchClauseRetriever } from '../../infra/retrieval/minisearch-retriever.js';
import type { ExpansionSource } from '../../infra/retrieval/legal-query-expansion.js';
import { questionQuery, readContracts, readQuestions } from './cuad-data.js';
import type { RetrievalRecord } from './score-retrieval.js';
import { inHalf, type Half } from './split.js';

export interface RunRetrievalOptions {
  /** Which half of the folder (see split.ts); all by default. */
  half?: Half | 'all';
  /** Query expansion source (hand lists, learned terms or both; the retriever's default otherwise). */
  expansion?: ExpansionSource;
  /** Weight of the learned clause-type rerank (the retriever's default otherwise). */
  rerank?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Answers every question of DIR/qa.jsonl from its own contract (the contractIds filter). */
export async function runRetrieval(dir: string, k: number, options: RunRetrievalOptions = {}): Promise<RetrievalRecord[]> {
  const half = options.half ?? 'all';
  const retriever = new MiniSearchClauseRetriever({
    ...(options.expansion ? { expansion: options.expansion } : {}),
    ...(options.rerank !== undefined ? { rerank: options.rerank } : {}),
  });
  retriever.index((await readContracts(dir)).filter((c) => inHalf(c.id, half)).map((c) => ({ contractId: c.id, text: c.text })));
  const questions = (await readQuestions(dir)).filter((q) => inHalf(q.contractId, half));
  return questions.map((q, i) => {
    const record = {
      id: q.id,
      passages: retriever.search(questionQuery(q), { contractIds: [q.contractId], k }).map((hit) => ({ start: hit.start, end: hit.end })),
    };
    options.onProgress?.(i + 1, questions.length);
    return record;
  });
}
