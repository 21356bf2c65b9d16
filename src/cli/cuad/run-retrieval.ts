import { MiniSearchClauseRetriever } from '../../infra/retrieval/minisearch-retriever.js';
import { questionQuery, readContracts, readQuestions } from './cuad-data.js';
import type { RetrievalRecord } from './score-retrieval.js';

/** Answers every question of DIR/qa.jsonl from its own contract (the contractIds filter). */
export async function runRetrieval(dir: string, k: number, onProgress?: (done: number, total: number) => void): Promise<RetrievalRecord[]> {
  const retriever = new MiniSearchClauseRetriever();
  retriever.index((await readContracts(dir)).map((c) => ({ contractId: c.id, text: c.text })));
  const questions = await readQuestions(dir);
  return questions.map((q, i) => {
    const record = {
      id: q.id,
      passages: retriever
        .search(questionQuery(q), { contractIds: [q.contractId], k })
        .map((hit) => ({ start: hit.start, end: hit.end })),
    };
    onProgress?.(i + 1, questions.length);
    return record;
  });
}
