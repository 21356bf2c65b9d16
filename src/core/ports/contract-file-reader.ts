import type { ContractFileText } from '../domain/contract-document.js';

/**
 * Port: reads the text out of an uploaded contract file (PDF, DOCX, plain text), detecting the
 * format by its bytes. Throws an AppError that says what is wrong (scanned, encrypted, corrupt,
 * unknown format, too large) so the user can fix it.
 */
export interface ContractFileReader {
  read(bytes: Uint8Array, fileName: string): Promise<ContractFileText>;
}
