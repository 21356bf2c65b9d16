import type { ApprovalRepository } from '../ports/approval-repository.js';
import type { ApproverRounds } from '../ports/approver-rounds.js';
import type { AskModel } from '../ports/ask-model.js';
import type { ClauseRetriever } from '../ports/clause-retriever.js';
import type { Clock } from '../ports/clock.js';
import type { ContractDocuments } from '../ports/contract-documents.js';
import type { ContractRepository } from '../ports/contract-repository.js';
import type { ContractsByEmail } from '../ports/contracts-by-email.js';
import type { PassageEmbedder } from '../ports/passage-embedder.js';

/** People who may see every contract: e-mail addresses or platform user ids (CLAUSE_ADMINS). */
export type AdminList = readonly string[];

/**
 * The retrieval index and which document version it holds per contract, so documents stored by
 * another process are picked up on the next question.
 */
interface RetrievalIndex {
  retriever: ClauseRetriever;
  indexed: Map<string, number>;
}

/** What answering a question needs. `model` is absent when no LLM is configured. */
export interface AskDeps {
  contracts: ContractRepository;
  documents: ContractDocuments;
  approvals: Pick<ApprovalRepository, 'listPendingRounds' | 'listDecisions'>;
  approverRounds: ApproverRounds;
  /** The same person on another platform (matched by e-mail). */
  byEmail: ContractsByEmail;
  index: RetrievalIndex;
  clock: Clock;
  admins: AdminList;
  model?: AskModel;
  /** Reorders retrieved passages by meaning (optional; BM25 order without it). */
  embedder?: PassageEmbedder;
  /** Upper bound for any one model call, on top of the client's own timeout. */
  modelDeadlineMs?: number;
}
