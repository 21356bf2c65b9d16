import { readContractFile } from '../../../src/infra/documents/read-contract-file.js';
import { detectFileKind } from '../../../src/infra/documents/detect-file-kind.js';
import { AppError } from '../../../src/core/errors.js';
import { ACME_MSA } from '../../core/ask/contract-texts.js';
import { contractDocx, encryptedPdf, scannedPdf, textPdf } from './contract-files.js';

async function failure(bytes: Uint8Array, name = 'contract.pdf'): Promise<AppError> {
  try {
    await readContractFile(bytes, name);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the file to be refused');
}

describe('readContractFile', () => {
  it('reads the text of a text PDF', async () => {
    const file = await readContractFile(await textPdf(ACME_MSA), 'acme.pdf');
    expect(file.kind).toBe('pdf');
    expect(file.mime).toBe('application/pdf');
    expect(file.text).toContain('MASTER SERVICES AGREEMENT');
    expect(file.text.replace(/\s+/g, ' ')).toContain('Either party may terminate this Agreement for convenience');
  });

  it('reads the text of a DOCX', async () => {
    const file = await readContractFile(await contractDocx('Acme MSA', ACME_MSA), 'acme.docx');
    expect(file.kind).toBe('docx');
    expect(file.text).toContain('governed by the laws of the State of New York');
  });

  it('reads plain text, whatever the file is called', async () => {
    const file = await readContractFile(new TextEncoder().encode(`\uFEFF${ACME_MSA.replace(/\n/g, '\r\n')}`), 'acme.pdf');
    expect(file.kind).toBe('text');
    expect(file.text.startsWith('MASTER SERVICES AGREEMENT\n')).toBe(true);
  });

  it('detects the format by content, not by name', async () => {
    expect(detectFileKind(await textPdf('x'))).toBe('pdf');
    expect(detectFileKind(await contractDocx('t', 'x'))).toBe('docx');
    const docxNamedTxt = await readContractFile(await contractDocx('Acme MSA', ACME_MSA), 'notes.txt');
    expect(docxNamedTxt.kind).toBe('docx');
  });

  it('refuses a scanned PDF without a text layer, saying so', async () => {
    const error = await failure(await scannedPdf());
    expect(error.message).toBe('this PDF has no text layer — it looks scanned; upload a text PDF or DOCX');
    expect(error.details).toEqual({ reason: 'scanned' });
  });

  it('refuses an encrypted PDF', async () => {
    const error = await failure(encryptedPdf(), 'locked.pdf');
    expect(error.message).toMatch(/locked\.pdf is encrypted \(password-protected\)/);
  });

  it('refuses a corrupt PDF and a corrupt DOCX', async () => {
    const pdf = await textPdf(ACME_MSA);
    const truncated = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(pdf.subarray(200, 600))]);
    expect((await failure(new Uint8Array(truncated), 'broken.pdf')).message).toMatch(/broken\.pdf could not be read: the PDF is damaged/);
    const docx = await contractDocx('t', ACME_MSA);
    expect((await failure(docx.subarray(0, Math.floor(docx.length / 2)), 'broken.docx')).message).toMatch(
      /broken\.docx could not be read: the Word file is damaged/,
    );
  });

  it('refuses images, archives and binary files by what they are', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    expect((await failure(new Uint8Array(png), 'scan.pdf')).message).toBe('scan.pdf is an image; upload the contract as a text PDF or DOCX.');
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.from('other/file.txt')]);
    expect((await failure(new Uint8Array(zip), 'c.docx')).message).toMatch(/ZIP archive/);
    const binary = new Uint8Array(512).map((_, i) => (i * 37) % 256);
    expect((await failure(binary, 'c.bin')).details).toEqual({ reason: 'unsupported_format' });
  });

  it('refuses a file over the size limit before reading it', async () => {
    const error = await readContractFile(new Uint8Array(2 * 1024 * 1024), 'big.pdf', 1024 * 1024).catch((e: unknown) => e as AppError);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toEqual({ reason: 'too_large' });
  });
});
