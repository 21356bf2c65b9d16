import { extractText, getDocumentProxy } from 'unpdf';
import { AppError, AppErrorCode } from '../../core/errors.js';

/** A text layer thinner than this per page is a scan with, at most, a stray page number. */
const MIN_CHARS_PER_PAGE = 20;

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name ?? '') : '';
}

/** Text of a PDF, page after page; refuses encrypted, corrupt and scanned (image-only) PDFs. */
export async function readPdfText(bytes: Uint8Array, fileName: string): Promise<string> {
  let pages: string[];
  try {
    // pdf.js takes ownership of (detaches) the buffer it gets: give it a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 } as Parameters<typeof getDocumentProxy>[1]);
    try {
      pages = (await extractText(pdf, { mergePages: false })).text;
    } finally {
      await pdf.destroy().catch(() => undefined);
    }
  } catch (error) {
    if (errorName(error) === 'PasswordException') {
      throw new AppError(AppErrorCode.InvalidInput, `${fileName} is encrypted (password-protected); remove the password and upload it again.`, {
        reason: 'encrypted',
      });
    }
    throw new AppError(AppErrorCode.InvalidInput, `${fileName} could not be read: the PDF is damaged or incomplete. Export it again and upload the new file.`, {
      reason: 'corrupt',
    });
  }
  if (pages.length === 0) {
    throw new AppError(AppErrorCode.InvalidInput, `${fileName} could not be read: the PDF has no pages. Export it again and upload the new file.`, {
      reason: 'corrupt',
    });
  }
  const text = pages.map((p) => p.trim()).join('\n\n');
  const letters = text.replace(/[^\p{L}\p{N}]/gu, '').length;
  if (letters < MIN_CHARS_PER_PAGE * Math.max(1, Math.min(pages.length, 3))) {
    throw new AppError(AppErrorCode.InvalidInput, 'this PDF has no text layer — it looks scanned; upload a text PDF or DOCX', { reason: 'scanned' });
  }
  return text;
}
