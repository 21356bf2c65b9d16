import { parse } from 'csv-parse/sync';
import { normalizeColumnName } from '../../core/services/check-import-columns.js';

/** A file that cannot be read as CSV at all: one line saying why and what to do. */
export class CsvInputError extends Error {
  override name = 'CsvInputError';
}

export type CsvRow = { line: number; record: Record<string, unknown> };

export interface CsvTable {
  /** The delimiter the header line uses. */
  delimiter: ',' | ';' | '\t' | '|';
  /** The header as written (trimmed). */
  header: string[];
  rows: CsvRow[];
}

export const DELIMITER_NAMES: Record<CsvTable['delimiter'], string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** Refuses what is not text: a spreadsheet, a PDF, an image, anything with NUL bytes or invalid UTF-8. */
function decodeText(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 8));
  const kind = head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))
    ? 'a zip file (an Excel .xlsx workbook?)'
    : head.subarray(0, 5).toString('latin1') === '%PDF-'
      ? 'a PDF'
      : head.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'))
        ? 'an old Excel/Office file (.xls)'
        : undefined;
  if (kind) throw new CsvInputError(`it is ${kind}, not a CSV text file: save it as "CSV UTF-8" and import that`);
  if (bytes.subarray(0, 8192).includes(0)) throw new CsvInputError('it is not a text file (it contains binary data): save it as "CSV UTF-8" and import that');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CsvInputError('it is not UTF-8 text: save it as "CSV UTF-8" and import that');
  }
}

/** The delimiter of the header line: the most frequent of , ; tab | outside quotes. */
function detectDelimiter(headerLine: string): CsvTable['delimiter'] {
  const counts = { ',': 0, ';': 0, '\t': 0, '|': 0 } as Record<CsvTable['delimiter'], number>;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as CsvTable['delimiter']]++;
  }
  const [best] = (Object.entries(counts) as Array<[CsvTable['delimiter'], number]>).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}

/**
 * Reads a CSV file with a header row: refuses an empty or non-text file with one line, detects
 * the delimiter from the header line (comma, semicolon, tab or pipe), and returns the header as
 * written and the records (keyed by the lower-cased, trimmed column names), each with its line.
 */
export function readCsvTable(input: Uint8Array | string): CsvTable {
  const text = (typeof input === 'string' ? input : decodeText(input)).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new CsvInputError('the file is empty: expected a header line and one row per contract (see examples/contracts.csv)');
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const delimiter = detectDelimiter(firstLine);
  let records: Array<{ record: Record<string, unknown>; info: { lines: number } }>;
  let header: string[] = [];
  try {
    records = parse(text, {
      delimiter,
      columns: (h: string[]) => {
        header = h.map((c) => c.trim());
        return h.map(normalizeColumnName);
      },
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as typeof records;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!.slice(0, 200);
    throw new CsvInputError(`it is not valid CSV: ${message}`);
  }
  return { delimiter, header, rows: records.map(({ record, info }) => ({ line: info.lines, record })) };
}

/** Parses CSV text with a header row into records, each with the line it started on. */
export function readCsvRows(text: string): CsvRow[] {
  return readCsvTable(text).rows;
}
