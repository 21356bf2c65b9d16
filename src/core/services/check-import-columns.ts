/**
 * Checks the header of an import file before any row is read: every column must be one Clause
 * knows (a misspelt `enddate` would otherwise be ignored and the contract imported without an end
 * date), and the required ones must be there. One problem per line, each naming the column.
 */

/** The documented CSV header, in order (README "Importing a portfolio"). */
export const IMPORT_COLUMNS = [
  'external_id',
  'title',
  'type',
  'counterparty',
  'owner_email',
  'owner_slack_id',
  'owner_teams_id',
  'value',
  'currency',
  'start_date',
  'end_date',
  'term_months',
  'auto_renews',
  'renewal_term_months',
  'notice_period_days',
  'governing_law',
  'status',
  'signed_date',
  'notes',
  // Added later, so files written for the older header keep their column positions.
  'owner_web_id',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly ImportColumn[] = ['external_id', 'type', 'counterparty'];
const OWNER_COLUMNS: readonly ImportColumn[] = ['owner_email', 'owner_slack_id', 'owner_teams_id', 'owner_web_id'];

/** `End Date`, ` end-date ` and `END_DATE` are all `end_date`. */
export function normalizeColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The known column a misspelt one most likely means, if any is close enough. */
export function suggestColumn(unknown: string): ImportColumn | undefined {
  const bare = (s: string) => s.replace(/_/g, '');
  const words = unknown.split('_').filter(Boolean);
  let best: { column: ImportColumn; score: number } | undefined;
  for (const column of IMPORT_COLUMNS) {
    const distance = editDistance(bare(unknown), bare(column));
    // `notice_days` -> notice_period_days: every word of the unknown name is a word of the column.
    const contained = words.length > 1 && words.every((w) => column.split('_').includes(w));
    const close = distance <= Math.max(1, Math.floor(bare(column).length / 4));
    if (!close && !contained) continue;
    const score = contained ? distance / 2 : distance;
    if (!best || score < best.score) best = { column, score };
  }
  return best?.column;
}

export interface ColumnCheck {
  /** The normalized names, in file order. */
  columns: string[];
  /** One line per problem; empty when the header is good. */
  problems: string[];
}

export function checkImportColumns(header: readonly string[]): ColumnCheck {
  const columns = header.map(normalizeColumnName);
  const problems: string[] = [];
  const known = new Set<string>(IMPORT_COLUMNS);
  const seen = new Set<string>();
  columns.forEach((column, i) => {
    const shown = header[i]!.trim();
    if (column === '') {
      problems.push(`column ${i + 1} has no name`);
      return;
    }
    if (seen.has(column)) problems.push(`column ${column} appears twice`);
    seen.add(column);
    if (!known.has(column)) {
      const suggestion = suggestColumn(column);
      problems.push(`unknown column "${shown}"${suggestion && !seen.has(suggestion) && !columns.includes(suggestion) ? ` (did you mean ${suggestion}?)` : ''}`);
    }
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length > 0) problems.push(`missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  if (!OWNER_COLUMNS.some((c) => seen.has(c))) problems.push(`missing owner column: one of ${OWNER_COLUMNS.join(', ')}`);
  return { columns, problems };
}
