import type { Connection } from 'mongoose';
import type { ApprovalStage } from '../../core/domain/approval-round.js';
import { isApproverPerson } from '../../core/domain/approver-identity.js';
import type { UserRef } from '../../core/domain/user-ref.js';
import type { ApproverRounds } from '../../core/ports/approver-rounds.js';
import { approvalRoundModel } from './models/approval-models.js';

/**
 * Contracts a person was asked to approve, read from `approval_rounds`. Matching runs here rather
 * than in the query: candidates sit in arrays inside arrays of stages, and a person may be known
 * by e-mail only, which FerretDB v1 cannot match portably.
 */
export class MongoApproverRounds implements ApproverRounds {
  constructor(private readonly connection: Connection) {}

  async contractIdsForApprover(user: UserRef): Promise<string[]> {
    const rounds = await approvalRoundModel(this.connection)
      .find({}, { contractId: 1, stages: 1 })
      .lean<Array<{ contractId: string; stages: ApprovalStage[] }>>();
    const ids = new Set<string>();
    for (const r of rounds) {
      const asked = r.stages.some(
        (s) =>
          s.slots.some((slot) => slot.candidates.some((c) => isApproverPerson(c, user))) ||
          (s.escalateTo !== undefined && isApproverPerson(s.escalateTo, user)),
      );
      if (asked) ids.add(r.contractId);
    }
    return [...ids];
  }
}
