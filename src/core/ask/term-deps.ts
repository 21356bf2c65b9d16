import type { KeyTermExtractor } from '../extraction/key-term-extractor.js';
import type { Clock } from '../ports/clock.js';
import type { ContractDocuments } from '../ports/contract-documents.js';
import type { ContractFileReader } from '../ports/contract-file-reader.js';
import type { TermProposals } from '../ports/term-proposals.js';
import type { ContractStoreDeps } from '../services/contract-store-deps.js';
import type { AdminList } from './ask-deps.js';

/** What uploading a contract and confirming its terms needs. */
export interface TermDeps {
  store: ContractStoreDeps;
  documents: ContractDocuments;
  proposals: TermProposals;
  reader: ContractFileReader;
  /** The built-in rules: always run. */
  rules: KeyTermExtractor;
  /** The LLM extractor, when configured; its values are kept only if their quotes are in the text. */
  llm?: KeyTermExtractor;
  clock: Clock;
  /** Our side of every contract, so the other party is taken as the counterparty. */
  companyName: string;
  maxFileBytes: number;
  admins: AdminList;
  llmDeadlineMs?: number;
}
