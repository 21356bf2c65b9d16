import { z } from 'zod';
import { positiveWholeNumber } from '../common-variables.js';

/*
 * Pieces more than one catalog template uses word for word. They are template text, not clauses:
 * party designations and section scaffolding rather than terms legal approves.
 */

/** Extras of the commercial templates (MSA, SOW, order form), each defaulted so the chat form's fields suffice. */
export const commercialVariables = {
  /** Our company usually sells; set when it is the buyer so the party roles swap. */
  companyIsCustomer: z.boolean().default(false),
  paymentTermsDays: positiveWholeNumber(365).default(30),
  /** The liability cap is the fees of this many months before the claim. */
  liabilityCapMonths: positiveWholeNumber(120).default(12),
};

/** Names the parties once; the rest of the text says only “Provider” and “Customer”. */
export const PROVIDER_AND_CUSTOMER =
  '{{#if companyIsCustomer}}{{counterpartyName}} (“Provider”) and {{companyName}} (“Customer”){{else}}{{companyName}} (“Provider”) and {{counterpartyName}} (“Customer”){{/if}}';

/** The last numbered section: terms the requester agreed outside the standard text, when there are any. */
export function additionalTermsSection(sectionNumber: number): string {
  return `{{#if specialTerms}}
${sectionNumber}. Additional Terms

The following terms form part of this Agreement and prevail over any conflicting provision above: {{specialTerms}}
{{/if}}`;
}
