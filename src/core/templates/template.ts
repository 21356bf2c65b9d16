import type { z } from 'zod';

/**
 * A contract template kept as a file in the repo.
 *
 * `title` and `body` use the tiny template syntax (see template-syntax.ts):
 *   {{name}}              a variable; calendar dates print as "1 March 2026"
 *   {{name|months}}       a number as a duration: "12 months" (also |days, |years)
 *   {{clause:clause-id}}  an approved clause from the clause library
 *   {{#if name}}…{{else}}…{{/if}}  an optional section (else is optional; may nest)
 */
export interface ContractTemplate {
  /** Stable id stored with every version rendered from it; bump (nda-v2) when the text changes materially. */
  id: string;
  /** The contract type it drafts: nda, msa, sow, order_form. */
  type: string;
  /** Short name used in messages: `Template "NDA" needs …`. */
  name: string;
  description: string;
  /** Every variable the text may use; validation fills defaults so the chat form's common fields suffice. */
  variables: z.ZodObject;
  /** The document title, itself a template ("Mutual Non-Disclosure Agreement"). */
  title: string;
  body: string;
}
