import { FILE_KIND_MIME, type ContractFileText } from '../../core/domain/contract-document.js';
import { AppError, AppErrorCode } from '../../core/errors.js';
import type { ContractFileReader } from '../../core/ports/contract-file-reader.js';
import { detectFileKind } from './detect-file-kind.js';
import { readDocxText } from './read-docx-text.js';
import { readPdfText } from './read-pdf-text.js';

const UNSUPPORTED: Record<string, string> = {
  zip: 'is a ZIP archive, not a contract document',
  legacy_word: 'is an old Word (.doc) file; save it as .docx or PDF',
  image: 'is an image; upload the contract as a text PDF or DOCX',
  unknown: 'is not a PDF, DOCX or text file',
};

function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8')
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
}

/** Reads contract text from PDF (unpdf), DOCX (mammoth) or plain text, by the file's bytes. */
export async function readContractFile(bytes: Uint8Array, fileName: string, maxBytes?: number): Promise<ContractFileText> {
  if (maxBytes !== undefined && bytes.byteLength > maxBytes) {
    throw new AppError(AppErrorCode.InvalidInput, `${fileName} is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit.`, { reason: 'too_large' });
  }
  const kind = detectFileKind(bytes);
  if (kind === 'pdf') return { kind, mime: FILE_KIND_MIME.pdf, text: await readPdfText(bytes, fileName) };
  if (kind === 'docx') return { kind, mime: FILE_KIND_MIME.docx, text: await readDocxText(bytes, fileName) };
  if (kind === 'text') return { kind, mime: FILE_KIND_MIME.text, text: decodeText(bytes) };
  throw new AppError(AppErrorCode.InvalidInput, `${fileName} ${UNSUPPORTED[kind]}.`, { reason: 'unsupported_format' });
}

export function contractFileReader(maxBytes?: number): ContractFileReader {
  return { read: (bytes, fileName) => readContractFile(bytes, fileName, maxBytes) };
}
