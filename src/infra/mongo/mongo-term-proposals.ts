import type { Connection } from 'mongoose';
import type { ClauseSegment } from '../../core/contract-text/segment-clauses.js';
import type { ContractFileKind } from '../../core/domain/contract-document.js';
import type { ContractTermsInput } from '../../core/domain/contract.js';
import type { ProposedTerms, TermConfirmation, TermProposal } from '../../core/domain/term-proposal.js';
import type { TermProposals } from '../../core/ports/term-proposals.js';
import { cleanUser } from './contract-doc-mapping.js';
import { insertClaim } from './insert-claim.js';
import { termConfirmationModel, termProposalModel, type TermConfirmationDoc, type TermProposalDoc } from './models/ask-models.js';

/** Term proposals and confirmations; both are inserts on deterministic ids (claims). */
export class MongoTermProposals implements TermProposals {
  constructor(private readonly connection: Connection) {}

  insert(p: TermProposal): Promise<boolean> {
    const { id, ...rest } = p;
    return insertClaim(() => termProposalModel(this.connection).create({ _id: id, ...rest }));
  }

  async find(id: string): Promise<TermProposal | null> {
    const d = await termProposalModel(this.connection).findById(id).lean<TermProposalDoc>();
    if (!d) return null;
    return {
      id: d._id,
      proposedBy: cleanUser(d.proposedBy),
      fileName: d.fileName,
      kind: d.kind as ContractFileKind,
      mime: d.mime,
      text: d.text,
      sections: d.sections as ClauseSegment[],
      terms: d.terms as ProposedTerms,
      sources: d.sources as TermProposal['sources'],
      ...(d.extractorNote ? { extractorNote: d.extractorNote } : {}),
      ...(d.targetContractId ? { targetContractId: d.targetContractId } : {}),
      createdAt: new Date(d.createdAt),
    };
  }

  claimConfirmation(c: TermConfirmation): Promise<boolean> {
    return insertClaim(() =>
      termConfirmationModel(this.connection).create({ _id: c.proposalId, by: c.by, at: c.at, terms: c.terms as unknown as Record<string, unknown> }),
    );
  }

  async findConfirmation(proposalId: string): Promise<TermConfirmation | null> {
    const d = await termConfirmationModel(this.connection).findById(proposalId).lean<TermConfirmationDoc>();
    return d ? { proposalId: d._id, by: cleanUser(d.by), at: new Date(d.at), terms: d.terms as unknown as ContractTermsInput } : null;
  }
}
