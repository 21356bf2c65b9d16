import { z } from 'zod';
import { ZCalendarDate, type CalendarDate } from './calendar-date.js';
import { ZMoney, type Money } from './money.js';
import { ZUserRef, type UserRef } from './user-ref.js';

export const CONTRACT_STATUSES = ['draft', 'in_review', 'approved', 'rejected', 'sent_for_signature', 'active', 'renewed', 'terminated', 'expired'] as const;
export const ZContractStatus = z.enum(CONTRACT_STATUSES);
export type ContractStatus = z.infer<typeof ZContractStatus>;

export const STATUS_LABELS: Record<ContractStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  rejected: 'Rejected',
  sent_for_signature: 'Sent for signature',
  active: 'Signed / active',
  renewed: 'Renewed',
  terminated: 'Terminated',
  expired: 'Expired',
};

/** `C-2026-0042`: the year it was created and a per-year sequence. */
export const ZContractRef = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^C-\d{4}-\d{4,}$/, 'must look like C-2026-0042'));

/** Contract types are open-ended (templates add more); these are the built-in ones. */
export const BUILT_IN_CONTRACT_TYPES = ['nda', 'msa', 'sow', 'order_form'] as const;
export const ZContractType = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a contract type such as nda, msa, sow or order_form');

const ZContractVersion = z.object({
  number: z.number().int().positive(),
  text: z.string(),
  templateId: z.string().optional(),
  createdAt: z.date(),
  createdBy: ZUserRef,
  note: z.string().optional(),
});
export type ContractVersion = z.infer<typeof ZContractVersion>;

/** The commercial terms: what a rep types in, what an import or extraction fills. */
export const ZContractTerms = z
  .object({
    title: z.string().trim().min(1).max(200),
    type: ZContractType,
    counterparty: z.string().trim().min(1).max(200),
    value: ZMoney.optional(),
    startDate: ZCalendarDate.optional(),
    endDate: ZCalendarDate.optional(),
    termMonths: z.number().int().positive().max(1200).optional(),
    autoRenews: z.boolean().default(false),
    renewalTermMonths: z.number().int().positive().max(1200).optional(),
    noticePeriodDays: z.number().int().nonnegative().max(3650).optional(),
    governingLaw: z.string().trim().max(120).optional(),
    keyTerms: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((t, ctx) => {
    if (t.startDate && t.endDate && t.endDate < t.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before the start date' });
    }
    if (t.autoRenews && !t.renewalTermMonths) {
      ctx.addIssue({ code: 'custom', path: ['renewalTermMonths'], message: 'is required when the contract auto-renews' });
    }
  });
export type ContractTerms = z.infer<typeof ZContractTerms>;
export type ContractTermsInput = z.input<typeof ZContractTerms>;

export interface Contract {
  id: string;
  ref: string;
  /** Set by imports so a re-run updates instead of duplicating. */
  externalId?: string;
  title: string;
  type: string;
  counterparty: string;
  owner: UserRef;
  requester: UserRef;
  value?: Money;
  startDate?: CalendarDate;
  endDate?: CalendarDate;
  termMonths?: number;
  autoRenews: boolean;
  renewalTermMonths?: number;
  noticePeriodDays?: number;
  governingLaw?: string;
  signedDate?: CalendarDate;
  status: ContractStatus;
  keyTerms: Record<string, string>;
  versions: ContractVersion[];
  notes?: string;
  /** The contract this one renews, when it came from a renewal. */
  renewalOf?: string;
  /** Optimistic-concurrency counter: every stored change increments it. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The effective end date: the stated one, or start + term. */
export function effectiveEndDate(c: Pick<Contract, 'startDate' | 'endDate' | 'termMonths'>): CalendarDate | undefined {
  if (c.endDate) return c.endDate;
  if (c.startDate && c.termMonths) {
    // A 12-month term starting 2026-01-01 ends 2026-12-31.
    const [y, m, d] = c.startDate.split('-').map(Number) as [number, number, number];
    const end = new Date(Date.UTC(y, m - 1 + c.termMonths, d - 1));
    return end.toISOString().slice(0, 10);
  }
  return undefined;
}

export function latestVersion(c: Pick<Contract, 'versions'>): ContractVersion | undefined {
  return c.versions[c.versions.length - 1];
}
