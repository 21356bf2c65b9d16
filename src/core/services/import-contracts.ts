import { z } from 'zod';
import { ZCalendarDate } from '../domain/calendar-date.js';
import { CONTRACT_STATUSES, ZContractTerms, type Contract, type ContractTerms } from '../domain/contract.js';
import { parseAmountToMinor, ZCurrency } from '../domain/money.js';
import type { UserRef } from '../domain/user-ref.js';
import { isAppError } from '../errors.js';
import { describeZodError } from '../validation.js';
import { createContract } from './create-contract.js';
import type { ContractStoreDeps } from './contract-store-deps.js';

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
] as const;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const intColumn = z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').nonnegative('must not be negative');

export const ZImportRow = z
  .object({
    external_id: z.preprocess(blank, z.string({ message: 'is required' }).max(200)),
    title: optional(z.string()),
    type: z.preprocess(blank, z.string({ message: 'is required' })),
    counterparty: z.preprocess(blank, z.string({ message: 'is required' })),
    owner_email: optional(z.email({ message: 'must be an e-mail address' })),
    owner_slack_id: optional(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be a Slack user id such as U012AB3CD')),
    owner_teams_id: optional(z.string().regex(/^[0-9a-f-]{36}$/i, 'must be an Azure AD object id (a GUID)')),
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
    if (!row.owner_email && !row.owner_slack_id && !row.owner_teams_id) {
      ctx.addIssue({ code: 'custom', path: ['owner_email'], message: 'an owner is required: owner_email, owner_slack_id or owner_teams_id' });
    }
    if (row.value && !row.currency) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'is required when value is given' });
    if (row.value && row.currency && parseAmountToMinor(row.value, row.currency) === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `must be an amount such as 25000 or 25000.50 in ${row.currency}` });
    }
  });
export type ImportRow = z.infer<typeof ZImportRow>;

export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  errors: Array<{ line: number; externalId?: string; message: string }>;
}

function ownerOf(row: ImportRow): UserRef {
  const email = row.owner_email?.toLowerCase();
  if (row.owner_slack_id) return { platform: 'slack', id: row.owner_slack_id, ...(email ? { email } : {}) };
  if (row.owner_teams_id) return { platform: 'teams', id: row.owner_teams_id, ...(email ? { email } : {}) };
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
  'title', 'type', 'counterparty', 'value', 'startDate', 'endDate', 'termMonths', 'autoRenews',
  'renewalTermMonths', 'noticePeriodDays', 'governingLaw',
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
 * imported, bad ones reported by line with the reason. Re-running the same file changes
 * nothing (rows are matched by external id); a changed row updates its contract.
 */
export async function importContracts(
  deps: ContractStoreDeps,
  rows: Array<{ line: number; record: Record<string, unknown> }>,
  actor: UserRef,
): Promise<ImportReport> {
  const report: ImportReport = { created: [], updated: [], unchanged: [], errors: [] };
  const seen = new Map<string, number>();
  for (const { line, record } of rows) {
    const parsed = ZImportRow.safeParse(record);
    const externalId = typeof record.external_id === 'string' ? record.external_id.trim() || undefined : undefined;
    if (!parsed.success) {
      report.errors.push({ line, externalId, message: describeZodError(parsed.error) });
      continue;
    }
    const row = parsed.data;
    const firstLine = seen.get(row.external_id);
    if (firstLine !== undefined) {
      report.errors.push({ line, externalId, message: `external_id ${row.external_id} repeats line ${firstLine}` });
      continue;
    }
    seen.set(row.external_id, line);
    const terms = ZContractTerms.safeParse(termsOf(row));
    if (!terms.success) {
      report.errors.push({ line, externalId, message: describeZodError(terms.error) });
      continue;
    }
    const owner = ownerOf(row);
    // A portfolio is mostly signed contracts: without a status, a row is taken as active.
    const status = row.status ?? 'active';
    try {
      const existing = await deps.contracts.findByExternalId(row.external_id);
      if (!existing) {
        const created = await createContract(deps, {
          terms: terms.data,
          owner,
          requester: owner,
          actor,
          status,
          externalId: row.external_id,
          notes: row.notes,
          signedDate: row.signed_date,
          auditAction: 'imported',
          auditDetails: { line },
        });
        report.created.push(created.ref);
        continue;
      }
      const changes = differences(existing, terms.data, row, owner);
      const statusChanged = existing.status !== status;
      if (Object.keys(changes).length === 0 && !statusChanged) {
        report.unchanged.push(existing.ref);
        continue;
      }
      const updated = await deps.contracts.update(
        existing.id,
        existing.revision,
        { set: changes, ...(statusChanged ? { status } : {}) },
        { actor, action: 'import_updated', fromStatus: existing.status, toStatus: status, details: { line, fields: Object.keys(changes) } },
      );
      if (!updated) throw new Error('the contract was changed while importing; run the import again');
      report.updated.push(existing.ref);
    } catch (error) {
      report.errors.push({ line, externalId, message: isAppError(error) ? error.message : `could not be stored: ${(error as Error).message}` });
    }
  }
  return report;
}
