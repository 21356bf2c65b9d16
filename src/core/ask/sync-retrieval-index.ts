import type { AskDeps } from './ask-deps.js';

/**
 * Makes the retrieval index hold the current document of each of these contracts. Documents are
 * written by whichever process confirmed the upload, so each question checks the (text-free)
 * stamps and loads only what is new or changed.
 */
export async function syncRetrievalIndex(deps: Pick<AskDeps, 'documents' | 'index'>, contractIds: readonly string[] | 'all'): Promise<string[]> {
  const stamps = contractIds === 'all' ? await deps.documents.allStamps() : await deps.documents.stamps(contractIds);
  const { retriever, indexed } = deps.index;
  for (const stamp of stamps) {
    const version = stamp.createdAt.getTime();
    if (indexed.get(stamp.contractId) === version) continue;
    const doc = await deps.documents.find(stamp.contractId);
    if (!doc) continue;
    retriever.index([{ contractId: doc.contractId, text: doc.text, version: doc.createdAt.getTime() }]);
    indexed.set(doc.contractId, doc.createdAt.getTime());
  }
  return stamps.map((s) => s.contractId);
}
