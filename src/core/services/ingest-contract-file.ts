import type { TermDeps } from '../ask/term-deps.js';
import type { ContractFileText } from '../domain/contract-document.js';
import type { TermProposal } from '../domain/term-proposal.js';
import type { UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import { proposeTerms } from './propose-terms.js';

export interface IngestContractFileInput {
  user: UserRef;
  fileName: string;
  bytes: Uint8Array;
  sourceKey?: string;
  targetContractId?: string;
}

/** Stored contract text is capped well below MongoDB's 16 MB document limit. */
const MAX_TEXT_CHARS = 3_000_000;

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * Reads an uploaded contract file's text with the checks every upload gets (size, empty, no text,
 * too long), each refused with an InvalidInput that says what to do (`details.reason` names it).
 */
export async function readUploadedFile(deps: Pick<TermDeps, 'reader' | 'maxFileBytes'>, fileName: string, bytes: Uint8Array): Promise<ContractFileText> {
  if (bytes.byteLength > deps.maxFileBytes) {
    throw new AppError(
      AppErrorCode.InvalidInput,
      `${fileName} is ${megabytes(bytes.byteLength)}; the limit is ${megabytes(deps.maxFileBytes)}. Upload a smaller file (the contract without its exhibits, or a text PDF instead of a scan).`,
      { reason: 'too_large' },
    );
  }
  if (bytes.byteLength === 0) throw new AppError(AppErrorCode.InvalidInput, `${fileName} is empty.`, { reason: 'empty' });
  const file = await deps.reader.read(bytes, fileName);
  if (file.text.trim().length < 20) {
    throw new AppError(AppErrorCode.InvalidInput, `${fileName} has almost no text; upload the contract as a text PDF or DOCX.`, { reason: 'no_text' });
  }
  if (file.text.length > MAX_TEXT_CHARS) {
    throw new AppError(
      AppErrorCode.InvalidInput,
      `${fileName} has more text than Clause stores for one contract; upload the contract without its attachments.`,
      { reason: 'too_long' },
    );
  }
  return file;
}

/**
 * Reads an uploaded contract file and proposes its key terms. Stores only the proposal, and only
 * once the text was read: a file that cannot be read leaves nothing behind, and the contract
 * itself is created when the user confirms the terms.
 */
export async function ingestContractFile(deps: TermDeps, input: IngestContractFileInput): Promise<TermProposal> {
  const file = await readUploadedFile(deps, input.fileName, input.bytes);
  return proposeTerms(deps, {
    user: input.user,
    fileName: input.fileName,
    file,
    ...(input.sourceKey ? { sourceKey: input.sourceKey } : {}),
    ...(input.targetContractId ? { targetContractId: input.targetContractId } : {}),
  });
}
