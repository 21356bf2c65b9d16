import { z } from 'zod';
import { ZContractStatus } from '../domain/contract.js';
import type { AskTool } from '../ports/ask-model.js';

/**
 * The questions answered exactly from the database. The same zod schemas validate the built-in
 * parser's output and the arguments an LLM passes to the matching tools.
 */
const ZRenewalsDue = z.strictObject({
  days: z.number().int().min(1).max(1095).describe('Window length in days from today, e.g. 30, 90'),
});
const ZCounterpartyContracts = z.strictObject({
  counterparty: z.string().trim().min(1).max(200).describe('Counterparty name or part of it'),
});
const ZContractStatusQuery = z.strictObject({
  ref: z.string().trim().max(40).nullable().describe('Contract reference like C-2026-0042, or null'),
  counterparty: z.string().trim().max(200).nullable().describe('Counterparty name, or null'),
});
const ZTotalsByCurrency = z.strictObject({
  status: ZContractStatus.nullable().describe('Only contracts in this status (null: active ones)'),
});
const ZWaitingOnMe = z.strictObject({});
const ZSearchContractText = z.strictObject({
  query: z.string().trim().min(1).max(500).describe('What to look for in the contract wording'),
});

export type StructuredQuery =
  | { kind: 'renewals_due'; args: z.infer<typeof ZRenewalsDue> }
  | { kind: 'counterparty_contracts'; args: z.infer<typeof ZCounterpartyContracts> }
  | { kind: 'contract_status'; args: z.infer<typeof ZContractStatusQuery> }
  | { kind: 'totals_by_currency'; args: z.infer<typeof ZTotalsByCurrency> }
  | { kind: 'waiting_on_me'; args: z.infer<typeof ZWaitingOnMe> };

const STRUCTURED_SCHEMAS = {
  renewals_due: ZRenewalsDue,
  counterparty_contracts: ZCounterpartyContracts,
  contract_status: ZContractStatusQuery,
  totals_by_currency: ZTotalsByCurrency,
  waiting_on_me: ZWaitingOnMe,
} as const;

export const SEARCH_TEXT_TOOL = 'search_contract_text';

/** The tools offered to the model: the structured queries plus a search of contract wording. */
export const ASK_TOOLS: readonly AskTool[] = [
  { name: 'renewals_due', description: 'Contracts whose renewal (notice deadline or term end) falls within the next N days.', parameters: ZRenewalsDue },
  { name: 'counterparty_contracts', description: 'All contracts with a counterparty.', parameters: ZCounterpartyContracts },
  { name: 'contract_status', description: 'Status, owner and dates of one contract, by reference or counterparty.', parameters: ZContractStatusQuery },
  { name: 'totals_by_currency', description: 'Total contract value per currency.', parameters: ZTotalsByCurrency },
  { name: 'waiting_on_me', description: 'Approvals and renewal decisions waiting on the person asking.', parameters: ZWaitingOnMe },
  {
    name: SEARCH_TEXT_TOOL,
    description: 'Questions about what contracts say (clauses, wording, obligations, notice, termination, liability).',
    parameters: ZSearchContractText,
  },
];

/** Validates a tool call into a structured query; undefined for unknown tools or bad arguments. */
export function structuredQueryFromTool(name: string, args: unknown): StructuredQuery | undefined {
  if (!(name in STRUCTURED_SCHEMAS)) return undefined;
  const kind = name as keyof typeof STRUCTURED_SCHEMAS;
  const parsed = STRUCTURED_SCHEMAS[kind].safeParse(args);
  if (!parsed.success) return undefined;
  return { kind, args: parsed.data } as StructuredQuery;
}
