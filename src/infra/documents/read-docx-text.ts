import mammoth from 'mammoth';
import { AppError, AppErrorCode } from '../../core/errors.js';

/** The text of a Word (.docx) file, paragraphs separated by blank lines. */
export async function readDocxText(bytes: Uint8Array, fileName: string): Promise<string> {
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return result.value
      .replace(/\r\n?/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } catch {
    throw new AppError(
      AppErrorCode.InvalidInput,
      `${fileName} could not be read: the Word file is damaged or incomplete. Save it again and upload the new file.`,
      {
        reason: 'corrupt',
      },
    );
  }
}
