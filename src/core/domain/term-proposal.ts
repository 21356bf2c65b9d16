import type { ClauseSegment } from '../contract-text/segment-clauses.js';
import type { ContractTermsInput } from './contract.js';
import type { ContractFileKind } from './contract-document.js';
import type { UserRef } from './user-ref.js';

/** The terms a proposal can fill; the user confirms or corrects them. */
export const PROPOSED_FIELDS = [
  'title',
  'type',
  'counterparty',
  'value',
  'startDate',
  'endDate',
  'autoRenews',
  'renewalTermMonths',
  'noticePeriodDays',
  'governingLaw',
] as const;
export type ProposedField = (typeof PROPOSED_FIELDS)[number];

export type ProposedTerms = Partial<Pick<ContractTermsInput, ProposedField>>;

/** Where a proposed value came from: the quote, its whole sentence, and who read it. */
export interface TermSource {
  quote: string;
  sentence: string;
  start: number;
  end: number;
  extractor: 'rules' | 'llm';
  /**
   * Set when the text states only a month and year (`YYYY-MM`): the field itself stays empty (no
   * guessed day drives renewals) and the message shows "June 2010 (day not stated)".
   */
  partialValue?: string;
}

/** Extracted terms waiting for the uploader to confirm or correct them. */
export interface TermProposal {
  id: string;
  proposedBy: UserRef;
  fileName: string;
  kind: ContractFileKind;
  mime: string;
  text: string;
  sections: ClauseSegment[];
  terms: ProposedTerms;
  sources: Partial<Record<ProposedField, TermSource>>;
  /** Why the LLM extractor did not contribute, when it was configured but failed. */
  extractorNote?: string;
  /** Set when the upload replaces the text and terms of an existing contract. */
  targetContractId?: string;
  createdAt: Date;
}

/** The confirmation of a proposal, inserted with `_id = proposalId`: the one insert that wins creates the contract. */
export interface TermConfirmation {
  proposalId: string;
  by: UserRef;
  at: Date;
  /** The final terms (proposal plus corrections), so whoever rolls the confirmation forward applies the same. */
  terms: ContractTermsInput;
}
