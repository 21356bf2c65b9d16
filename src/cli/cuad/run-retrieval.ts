import { MiniSearchClauseRetriever } from '../../infra/retrieval/minisearch-retriever.js';
import type { ExpansionSource } from '../../infra/retrieval/legal-query-expansion.js';
import { questionQuery, readContracts, readQuestions } from './cuad-data.js';
import type { RetrievalRecord } from './score-retrieval.js';
import { inHalf, type Half } from './split.js';

/** Answers every question of DIR/qa.jsonl from its own contract (the contractIds filter). */
export async function runRetrieval(dir: string, k: number, half: Half | 'all' = 'all', expansion?: ExpansionSource, rerank?: number): Promise<RetrievalRecord[]> {
  const retriever = new MiniSearchClauseRetriever({ ...(expansion ? { expansion } : {}), ...(rerank !== undefined ? { rerank } : {}) });
  retriever.index((await readContracts(dir)).filter((c) => inHalf(c.id, half)).map((c) => ({ contractId: c.id, text: c.text })));
  return (await readQuestions(dir))
    .filter((q) => inHalf(q.contractId, half))
    .map((q) => ({
      id: q.id,
      passages: retriever
        .search(questionQuery(q), { contractIds: [q.contractId], k })
        .map((hit) => ({ start: hit.start, end: hit.end })),
    }));
}
