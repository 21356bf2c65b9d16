import { segmentClauses } from '../contract-text/segment-clauses.js';
import type { Contract } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import type { TermDeps } from '../ask/term-deps.js';
import { findContract } from './find-contract.js';
import { readUploadedFile } from './ingest-contract-file.js';

export interface AttachContractDocumentInput {
  ref: string;
  fileName: string;
  bytes: Uint8Array;
  actor: UserRef;
}

export interface AttachedDocument {
  contract: Contract;
  fileName: string;
  mime: string;
  characters: number;
}

/**
 * Stores a file (the signed PDF or DOCX) as a contract's document, read and checked exactly like
 * a chat upload, so Ask Clause and renewals use it; the terms are left as they are. The file is
 * read before anything is written, and the attachment is audited (`document_attached`).
 */
export async function attachContractDocument(
  deps: Pick<TermDeps, 'store' | 'documents' | 'reader' | 'maxFileBytes' | 'clock'>,
  input: AttachContractDocumentInput,
): Promise<AttachedDocument> {
  const contract = await findContract(deps.store, input.ref);
  const file = await readUploadedFile(deps, input.fileName, input.bytes);
  const at = deps.clock.now();
  await deps.documents.put({
    contractId: contract.id,
    fileName: input.fileName,
    mime: file.mime,
    text: file.text,
    sections: segmentClauses(file.text),
    createdAt: at,
  });
  await deps.store.audit.append(contract, {
    actor: input.actor,
    action: 'document_attached',
    details: { fileName: input.fileName, mime: file.mime, characters: file.text.length },
  });
  return { contract, fileName: input.fileName, mime: file.mime, characters: file.text.length };
}
