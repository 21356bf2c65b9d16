import type { ClauseSegment } from '../contract-text/segment-clauses.js';

/** The file formats Clause reads contract text from (detected by content, never by name). */
export type ContractFileKind = 'pdf' | 'docx' | 'text';

export const FILE_KIND_MIME: Record<ContractFileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  text: 'text/plain',
};

/** Text read out of an uploaded file. */
export interface ContractFileText {
  kind: ContractFileKind;
  mime: string;
  text: string;
}

/** A contract's text as stored for questions: one document per contract (a re-upload replaces it). */
export interface ContractDocument {
  contractId: string;
  fileName: string;
  mime: string;
  text: string;
  sections: ClauseSegment[];
  createdAt: Date;
}

/** Which document version the retrieval index holds for a contract. */
export interface ContractDocumentStamp {
  contractId: string;
  createdAt: Date;
}
