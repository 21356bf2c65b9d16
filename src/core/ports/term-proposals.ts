import type { TermConfirmation, TermProposal } from '../domain/term-proposal.js';

/** Pending term proposals and their confirmations; both are insert claims on a deterministic id. */
export interface TermProposals {
  /** Inserts the proposal; false when one with this id exists already (a retried upload). */
  insert(proposal: TermProposal): Promise<boolean>;
  find(id: string): Promise<TermProposal | null>;
  /** Inserts the confirmation; false when the proposal was already confirmed. */
  claimConfirmation(confirmation: TermConfirmation): Promise<boolean>;
  findConfirmation(proposalId: string): Promise<TermConfirmation | null>;
}
