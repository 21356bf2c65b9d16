import type { Obligation } from '../domain/obligation.js';
import type { UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { ObligationDeps } from './obligation-deps.js';

/**
 * Marks an obligation done. Idempotent: a second click (or a second person) gets the obligation as
 * it is, with a message saying who completed it; only the first completion is audited.
 */
export async function completeObligation(
  deps: ObligationDeps,
  input: { obligationId: string; actor: UserRef },
): Promise<{ obligation: Obligation; completedNow: boolean; message: string }> {
  const found = await deps.obligations.findById(input.obligationId);
  if (!found) throw new AppError(AppErrorCode.NotFound, 'That obligation does not exist.');
  const now = deps.clock.now();
  const completedNow = await deps.obligations.complete(found.id, input.actor, now);
  const obligation = (await deps.obligations.findById(found.id))!;
  if (completedNow) {
    await deps.audit.append(
      { id: obligation.contractId, ref: obligation.contractRef },
      { actor: input.actor, action: 'obligation_completed', details: { obligationId: obligation.id, title: obligation.title, dueDate: obligation.dueDate } },
    );
  }
  const by = obligation.completedBy?.displayName ?? obligation.completedBy?.email ?? 'someone';
  const message = completedNow
    ? `Done: "${obligation.title}" (${obligation.contractRef}) is marked complete.`
    : `"${obligation.title}" (${obligation.contractRef}) was already marked complete by ${by}.`;
  return { obligation, completedNow, message };
}
