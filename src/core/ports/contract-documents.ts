import type { ContractDocument, ContractDocumentStamp } from '../domain/contract-document.js';

/** Stored contract texts (the `contract_documents` collection). */
export interface ContractDocuments {
  /** Stores a contract's document, replacing an earlier one. Idempotent. */
  put(document: ContractDocument): Promise<void>;
  find(contractId: string): Promise<ContractDocument | null>;
  /** Which contracts of these have a document, and its version (no text: cheap). */
  stamps(contractIds: readonly string[]): Promise<ContractDocumentStamp[]>;
  /** Every contract with a document (for users who may see all contracts). */
  allStamps(): Promise<ContractDocumentStamp[]>;
}
