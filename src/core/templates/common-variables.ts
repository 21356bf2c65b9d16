import { z } from 'zod';
import { ZCalendarDate } from '../domain/calendar-date.js';
import { ZCurrency } from '../domain/money.js';

/* Messages are written to follow `Template "NDA" needs "<variable>": …`. */
export const templateText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const positiveWholeNumber = (max: number) => z.number().int('must be a whole number').positive('must be more than 0').max(max, `must be at most ${max}`);
export const nonNegativeWholeNumber = (max: number) =>
  z.number().int('must be a whole number').nonnegative('must be 0 or more').max(max, `must be at most ${max}`);

/**
 * The variables every template uses: exactly what the chat request form collects (see
 * variables-from-terms.ts). `companyName` has no default on purpose: a draft naming a placeholder
 * company is worse than no draft, so the service must pass it from configuration.
 */
export const ZCommonTemplateVariables = z
  .object({
    /** Our company, the party using Clause. */
    companyName: templateText(200),
    counterpartyName: templateText(200),
    effectiveDate: ZCalendarDate,
    termMonths: positiveWholeNumber(1200),
    endDate: ZCalendarDate.optional(),
    autoRenews: z.boolean().default(false),
    renewalTermMonths: positiveWholeNumber(1200).optional(),
    noticePeriodDays: nonNegativeWholeNumber(3650),
    governingLaw: templateText(120),
    /** Already formatted ("$25,000.00"): templates print money, they never compute with it. */
    contractValue: templateText(60).optional(),
    currency: ZCurrency.optional(),
    /** The person at our company responsible for the contract; named in the notices clause. */
    ownerName: templateText(200),
    /** Extra terms agreed in the request; printed as a section of their own when present. */
    specialTerms: templateText(4000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.autoRenews && v.renewalTermMonths === undefined) {
      ctx.addIssue({ code: 'custom', path: ['renewalTermMonths'], message: 'is required when the contract auto-renews' });
    }
    if (v.endDate && v.endDate < v.effectiveDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before the effective date' });
    }
  });
