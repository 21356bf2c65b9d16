import { parse } from 'csv-parse/sync';

/** Parses CSV text with a header row into records, each with the line it started on. */
export function readCsvRows(text: string): Array<{ line: number; record: Record<string, unknown> }> {
  const records = parse(text, {
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
    info: true,
  }) as Array<{ record: Record<string, unknown>; info: { lines: number } }>;
  return records.map(({ record, info }) => ({ line: info.lines, record }));
}
