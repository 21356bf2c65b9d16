import type { ContractFileKind } from '../../core/domain/contract-document.js';

export type DetectedKind = ContractFileKind | 'zip' | 'legacy_word' | 'image' | 'unknown';

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return signature.every((b, i) => bytes[at + i] === b);
}

/** Whether the bytes look like text a person wrote: valid UTF-8, few control characters. */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(sample);
  } catch {
    // A sample cut in the middle of a multi-byte character is still text; retry without the tail.
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, Math.max(0, sample.length - 3)));
    } catch {
      return false;
    }
  }
  if (text.includes('\u0000')) return false;
  const control = text.match(/[\u0001-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  return control <= text.length * 0.01;
}

/** The file's format from its first bytes (magic numbers), never from its name. */
export function detectFileKind(bytes: Uint8Array): DetectedKind {
  // A PDF header may follow a little junk; readers accept it within the first 1 KB.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const sample = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 256 * 1024))).toString('latin1');
    return sample.includes('word/') ? 'docx' : 'zip';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'legacy_word';
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])
  ) {
    return 'image';
  }
  if (looksLikeText(bytes)) return 'text';
  return 'unknown';
}
