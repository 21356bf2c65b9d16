import { z } from 'zod';
import { ZCalendarDate } from '../domain/calendar-date.js';
import { CONTRACT_STATUSES, ZContractTerms, type Contract, type ContractTerms } from '../domain/contract.js';
import { parseAmountToMinor, ZCurrency } from '../domain/money.js';
import type { UserRef } from '../domain/user-ref.js';
import { isAppError } from '../errors.js';
import { describeZodError } from '../validation.js';
import { createContracts } from './create-contracts.js';
import type { ContractStoreDeps } from './contract-store-deps.js';

export { IMPORT_COLUMNS } from './check-import-columns.js';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const intColumn = z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').nonnegative('must not be negative');

const ZImportRow = z
  .object({
    external_id: z.preprocess(blank, z.string({ message: 'is required' }).max(200)),
    title: optional(z.string()),
    type: z.preprocess(blank, z.string({ message: 'is required' })),
    counterparty: z.preprocess(blank, z.string({ message: 'is required' })),
    owner_email: optional(z.email({ message: 'must be an e-mail address' })),
    owner_slack_id: optional(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be a Slack user id such as U012AB3CD')),
    owner_teams_id: optional(z.string().regex(/^[0-9a-f-]{36}$/i, 'must be an Azure AD object id (a GUID)')),
    owner_web_id: optional(z.string().regex(/^[a-z][a-z0-9_-]{0,30}$/, 'must be a playground persona key such as riley')),
    value: optional(z.string()),
    currency: optional(ZCurrency),
    start_date: optional(ZCalendarDate),
    end_date: optional(ZCalendarDate),
    term_months: optional(intColumn),
    auto_renews: optional(z.enum(['true', 'false', 'yes', 'no', '1', '0'], { message: 'must be true or false' })),
    renewal_term_months: optional(intColumn),
    notice_period_days: optional(intColumn),
    governing_law: optional(z.string()),
    status: optional(z.enum(CONTRACT_STATUSES, { message: `must be one of ${CONTRACT_STATUSES.join(', ')}` })),
    signed_date: optional(ZCalendarDate),
    notes: optional(z.string()),
  })
  .superRefine((row, ctx) => {
    if (!row.owner_email && !row.owner_slack_id && !row.owner_teams_id && !row.owner_web_id) {
      ctx.addIssue({ code: 'custom', path: ['owner_email'], message: 'an owner is required: owner_email, owner_slack_id, owner_teams_id or owner_web_id' });
    }
    if (row.value && !row.currency) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'is required when value is given' });
    if (row.value && row.currency && parseAmountToMinor(row.value, row.currency) === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `must be an amount such as 25000 or 25000.50 in ${row.currency}` });
    }
  });
type ImportRow = z.infer<typeof ZImportRow>;

export interface ImportReport {
  /** References of the contracts created (in a dry run: the external ids that would be). */
  created: string[];
  updated: string[];
  unchanged: string[];
  errors: Array<{ line: number; externalId?: string; message: string }>;
  /** What changed (or, in a dry run, would change), row by row, with the CSV columns concerned. */
  changes: Array<{ line: number; externalId: string; action: 'create' | 'update'; ref?: string; columns: string[] }>;
  dryRun: boolean;
}

export interface ImportOptions {
  /** Validate and compare only: report what would change, write nothing. */
  dryRun?: boolean;
  /** Called after each row (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/** Contract fields as the CSV columns that hold them, so every message names a column. */
const COLUMN_OF: Record<string, string> = {
  title: 'title',
  type: 'type',
  counterparty: 'counterparty',
  value: 'value',
  startDate: 'start_date',
  endDate: 'end_date',
  termMonths: 'term_months',
  autoRenews: 'auto_renews',
  renewalTermMonths: 'renewal_term_months',
  noticePeriodDays: 'notice_period_days',
  governingLaw: 'governing_law',
  owner: 'owner',
  signedDate: 'signed_date',
  notes: 'notes',
  status: 'status',
};

/** A contract-terms issue as the CSV column it comes from (`end_date: must not be before start_date`). */
function describeTermsError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = String(issue.path[0] ?? '');
      const column = COLUMN_OF[field] ?? field;
      const message = issue.message.replace('the start date', 'start_date');
      return column ? `${column}: ${message}` : message;
    })
    .join('; ');
}

/**
 * Ids per read: one query for a whole file (up to this many rows) instead of one look-up per
 * row. On FerretDB v1 every such read scans the collection, so fewer, larger reads win; on
 * MongoDB the unique index on the external key serves the `$in`.
 */
const LOOKUP_CHUNK = 20_000;
/** New contracts stored per batch. */
const CREATE_BATCH = 500;
/** Changed contracts updated at once. */
const UPDATE_CONCURRENCY = 4;

function ownerOf(row: ImportRow): UserRef {
  const email = row.owner_email?.toLowerCase();
  if (row.owner_slack_id) return { platform: 'slack', id: row.owner_slack_id, ...(email ? { email } : {}) };
  if (row.owner_teams_id) return { platform: 'teams', id: row.owner_teams_id, ...(email ? { email } : {}) };
  if (row.owner_web_id) return { platform: 'web', id: row.owner_web_id, ...(email ? { email } : {}) };
  return { platform: 'system', id: email!, email: email! };
}

function termsOf(row: ImportRow) {
  const truthy = row.auto_renews ? ['true', 'yes', '1'].includes(row.auto_renews) : false;
  return {
    title: row.title ?? `${row.type.toUpperCase()} with ${row.counterparty}`,
    type: row.type,
    counterparty: row.counterparty,
    value: row.value && row.currency ? { amountMinor: parseAmountToMinor(row.value, row.currency)!, currency: row.currency } : undefined,
    startDate: row.start_date,
    endDate: row.end_date,
    termMonths: row.term_months || undefined,
    autoRenews: truthy,
    renewalTermMonths: row.renewal_term_months || undefined,
    noticePeriodDays: row.notice_period_days,
    governingLaw: row.governing_law,
    keyTerms: {},
  };
}

const COMPARED: Array<keyof ContractTerms> = [
  'title',
  'type',
  'counterparty',
  'value',
  'startDate',
  'endDate',
  'termMonths',
  'autoRenews',
  'renewalTermMonths',
  'noticePeriodDays',
  'governingLaw',
];

/** The fields that differ between the stored contract and the row (null clears a field). */
function differences(existing: Contract, terms: ContractTerms, row: ImportRow, owner: UserRef): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of COMPARED) {
    if (JSON.stringify(existing[key] ?? null) !== JSON.stringify(terms[key] ?? null)) changes[key] = terms[key] ?? null;
  }
  if (JSON.stringify(existing.owner) !== JSON.stringify(owner)) changes.owner = owner;
  if ((existing.signedDate ?? null) !== (row.signed_date ?? null)) changes.signedDate = row.signed_date ?? null;
  if ((existing.notes ?? null) !== (row.notes ?? null)) changes.notes = row.notes ?? null;
  return changes;
}

/**
 * Loads a portfolio of existing contracts. Each row is validated on its own: good rows are
 * imported, bad ones reported by line with the reason, naming the CSV column. Re-running the same
 * file changes nothing (rows are matched by external id, read in bulk before the rows are
 * applied); a changed row updates its contract. With `dryRun`, nothing is written and the report
 * says what would change.
 */
export async function importContracts(
  deps: ContractStoreDeps,
  rows: Array<{ line: number; record: Record<string, unknown> }>,
  actor: UserRef,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  const report: ImportReport = { created: [], updated: [], unchanged: [], errors: [], changes: [], dryRun };
  const seen = new Map<string, number>();
  type Valid = { line: number; externalId: string; row: ImportRow; terms: ContractTerms };
  const valid: Valid[] = [];
  let done = 0;
  const progressed = () => options.onProgress?.(++done, rows.length);

  for (const { line, record } of rows) {
    const parsed = ZImportRow.safeParse(record);
    const externalId = typeof record.external_id === 'string' ? record.external_id.trim() || undefined : undefined;
    if (!parsed.success) {
      report.errors.push({ line, externalId, message: describeZodError(parsed.error) });
      progressed();
      continue;
    }
    const row = parsed.data;
    const firstLine = seen.get(row.external_id);
    if (firstLine !== undefined) {
      report.errors.push({ line, externalId, message: `external_id ${row.external_id} repeats line ${firstLine}` });
      progressed();
      continue;
    }
    seen.set(row.external_id, line);
    const terms = ZContractTerms.safeParse(termsOf(row));
    if (!terms.success) {
      report.errors.push({ line, externalId, message: describeTermsError(terms.error) });
      progressed();
      continue;
    }
    valid.push({ line, externalId: row.external_id, row, terms: terms.data });
  }

  const existingById = new Map<string, Contract>();
  for (let i = 0; i < valid.length; i += LOOKUP_CHUNK) {
    const found = await deps.contracts.findByExternalIds(valid.slice(i, i + LOOKUP_CHUNK).map((v) => v.externalId));
    for (const [id, contract] of found) existingById.set(id, contract);
  }

  // New contracts are stored in batches (references allocated as a block, a few writes per
  // batch); changed ones one by one, a few at a time. Results are reported in file order.
  type Outcome =
    | { kind: 'created' | 'updated' | 'unchanged'; ref: string; change?: ImportReport['changes'][number] }
    | { kind: 'error'; error: ImportReport['errors'][number] };
  const outcomes: Outcome[] = new Array(valid.length);
  const failed = (v: Valid, error: unknown): Outcome => ({
    kind: 'error',
    error: { line: v.line, externalId: v.externalId, message: isAppError(error) ? error.message : `could not be stored: ${(error as Error).message}` },
  });
  const createColumns = (row: ImportRow) => IMPORTED_COLUMNS.filter((c) => row[c] !== undefined);
  const inputOf = ({ line, externalId, row, terms }: Valid) => {
    const owner = ownerOf(row);
    return {
      terms,
      owner,
      requester: owner,
      actor,
      // A portfolio is mostly signed contracts: without a status, a row is taken as active.
      status: row.status ?? 'active',
      externalId,
      notes: row.notes,
      signedDate: row.signed_date,
      auditAction: 'imported',
      auditDetails: { line },
    };
  };

  const toCreate = valid.map((v, i) => ({ v, i })).filter(({ v }) => !existingById.has(v.externalId));
  for (let b = 0; b < toCreate.length; b += CREATE_BATCH) {
    const batch = toCreate.slice(b, b + CREATE_BATCH);
    if (dryRun) {
      for (const { v, i } of batch)
        outcomes[i] = {
          kind: 'created',
          ref: v.externalId,
          change: { line: v.line, externalId: v.externalId, action: 'create', columns: createColumns(v.row) },
        };
    } else {
      let results: Array<Contract | Error>;
      try {
        results = await createContracts(
          deps,
          batch.map(({ v }) => inputOf(v)),
        );
      } catch (error) {
        results = batch.map(() => error as Error);
      }
      batch.forEach(({ v, i }, k) => {
        const result = results[k]!;
        outcomes[i] =
          result instanceof Error
            ? failed(v, result)
            : {
                kind: 'created',
                ref: result.ref,
                change: { line: v.line, externalId: v.externalId, action: 'create', ref: result.ref, columns: createColumns(v.row) },
              };
      });
    }
    for (let k = 0; k < batch.length; k++) progressed();
  }

  const applyChange = async (v: Valid, existing: Contract): Promise<Outcome> => {
    const { line, externalId, row, terms } = v;
    const owner = ownerOf(row);
    const status = row.status ?? 'active';
    try {
      const changes = differences(existing, terms, row, owner);
      const statusChanged = existing.status !== status;
      if (Object.keys(changes).length === 0 && !statusChanged) return { kind: 'unchanged', ref: existing.ref };
      const columns = [...Object.keys(changes), ...(statusChanged ? ['status'] : [])].map((f) => COLUMN_OF[f] ?? f);
      if (!dryRun) {
        const updated = await deps.contracts.update(
          existing.id,
          existing.revision,
          { set: changes, ...(statusChanged ? { status } : {}) },
          { actor, action: 'import_updated', fromStatus: existing.status, toStatus: status, details: { line, fields: Object.keys(changes) } },
        );
        if (!updated) throw new Error('the contract was changed while importing; run the import again');
      }
      return { kind: 'updated', ref: existing.ref, change: { line, externalId, action: 'update', ref: existing.ref, columns } };
    } catch (error) {
      return failed(v, error);
    }
  };
  const toCompare = valid.map((v, i) => ({ v, i })).filter(({ v }) => existingById.has(v.externalId));
  let next = 0;
  const lane = async () => {
    while (next < toCompare.length) {
      const { v, i } = toCompare[next++]!;
      outcomes[i] = await applyChange(v, existingById.get(v.externalId)!);
      progressed();
    }
  };
  await Promise.all(Array.from({ length: Math.min(UPDATE_CONCURRENCY, toCompare.length) }, lane));
  for (const outcome of outcomes) {
    if (outcome.kind === 'error') {
      report.errors.push(outcome.error);
      continue;
    }
    report[outcome.kind].push(outcome.ref);
    if (outcome.change) report.changes.push(outcome.change);
  }
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}

const IMPORTED_COLUMNS = [
  'title',
  'type',
  'counterparty',
  'owner_email',
  'owner_slack_id',
  'owner_teams_id',
  'owner_web_id',
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
] as const;
