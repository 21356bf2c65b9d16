import type { UserRef } from '../domain/user-ref.js';

/** Port: the contracts a person has been asked to approve (any round, any outcome), for access checks. */
export interface ApproverRounds {
  contractIdsForApprover(user: UserRef): Promise<string[]>;
}
