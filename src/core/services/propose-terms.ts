import { createHash, randomUUID } from 'node:crypto';
import { mergeExtractions, termsFromExtraction } from '../ask/terms-from-extraction.js';
import type { TermDeps } from '../ask/term-deps.js';
import { withDeadline } from '../ask/with-deadline.js';
import { segmentClauses } from '../contract-text/segment-clauses.js';
import type { ContractFileText } from '../domain/contract-document.js';
import type { TermProposal } from '../domain/term-proposal.js';
import type { UserRef } from '../domain/user-ref.js';
import type { ExtractedTerms } from '../extraction/extracted-terms.js';
import { verifyEvidence } from '../extraction/verify-evidence.js';

export interface ProposeTermsInput {
  user: UserRef;
  fileName: string;
  file: ContractFileText;
  /** The platform's id of the upload (`slack:F0123`): a retried event then finds the same proposal. */
  sourceKey?: string;
  targetContractId?: string;
}

export const LLM_EXTRACTION_NOTE = '(the AI service did not answer; these terms were read by the built-in rules)';

function proposalId(sourceKey: string | undefined): string {
  return sourceKey ? `tp-${createHash('sha256').update(sourceKey).digest('hex').slice(0, 24)}` : `tp-${randomUUID()}`;
}

/**
 * Reads key terms from a contract's text (rules always, the LLM too when configured) and stores
 * them as a pending proposal for the uploader to confirm or correct. Nothing becomes a contract
 * here. Claim-safe: the same upload twice yields the one proposal.
 */
export async function proposeTerms(deps: TermDeps, input: ProposeTermsInput): Promise<TermProposal> {
  const id = proposalId(input.sourceKey);
  const existing = await deps.proposals.find(id);
  if (existing) return existing;

  const { text } = input.file;
  const rules = await deps.rules.extract(text);
  let llm: ExtractedTerms | undefined;
  let extractorNote: string | undefined;
  if (deps.llm) {
    try {
      // An LLM value whose quote is not in the document is dropped here, before anyone sees it.
      llm = verifyEvidence(text, await withDeadline(deps.llm.extract(text), deps.llmDeadlineMs, 'LLM extraction'));
    } catch {
      extractorNote = LLM_EXTRACTION_NOTE;
    }
  }
  const merged = mergeExtractions(verifyEvidence(text, rules), llm);
  const { terms, sources } = termsFromExtraction(text, merged.terms, { fileName: input.fileName, companyName: deps.companyName, extractor: merged.from });

  const proposal: TermProposal = {
    id,
    proposedBy: input.user,
    fileName: input.fileName,
    kind: input.file.kind,
    mime: input.file.mime,
    text,
    sections: segmentClauses(text),
    terms,
    sources,
    ...(extractorNote ? { extractorNote } : {}),
    ...(input.targetContractId ? { targetContractId: input.targetContractId } : {}),
    createdAt: deps.clock.now(),
  };
  if (await deps.proposals.insert(proposal)) return proposal;
  return (await deps.proposals.find(id)) ?? proposal;
}
