import type { CalendarDate } from '../domain/calendar-date.js';
import { todayFor } from './today-for.js';
import type { Contract } from '../domain/contract.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import { renewalNudgeMessage } from '../views/renewal-nudge-card.js';
import { currentRenewalTerm } from './current-renewal-term.js';
import type { RenewalDeps } from './renewal-deps.js';
import { claimAndDeliver } from './deliver-outbox-item.js';

const MAX_ATTEMPTS = 5;

/**
 * Hands a contract (and its renewal decision) to a new owner: a conditional update recorded as
 * `reassigned`; the new owner gets the renewal card in a DM. Only the winning update sends it.
 */
export async function reassignRenewal(
  deps: RenewalDeps,
  input: { contractId: string; termEnd?: CalendarDate; newOwner: UserRef; actor: UserRef },
): Promise<{ contract: Contract; message: string }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { contract, termEnd, deadline } = await currentRenewalTerm(deps, input.contractId, input.termEnd);
    if (isSameUser(contract.owner, input.newOwner)) {
      return { contract, message: `${input.newOwner.displayName ?? 'They'} already own${input.newOwner.displayName ? 's' : ''} ${contract.ref}.` };
    }
    const updated = await deps.contracts.update(
      contract.id,
      contract.revision,
      { set: { owner: input.newOwner } },
      {
        actor: input.actor,
        action: 'reassigned',
        fromStatus: contract.status,
        toStatus: contract.status,
        details: { from: contract.owner, to: input.newOwner, termEnd },
      },
    );
    if (!updated) continue;
    const card = renewalNudgeMessage(updated, { termEnd, deadline, today: await todayFor(deps, input.newOwner) });
    const by = input.actor.displayName ?? 'Someone';
    await claimAndDeliver(deps, deps.nudges, {
      id: `reassigned:${updated.id}:r${updated.revision}`,
      kind: 'renewal_reassigned',
      subjectId: updated.id,
      deliveries: [
        { target: { kind: 'user', user: input.newOwner }, message: { ...card, text: `${by} handed you the renewal of ${updated.ref}. ${card.text}` } },
      ],
      details: { contractRef: updated.ref, termEnd },
    });
    return {
      contract: updated,
      message: `${updated.ref} now belongs to ${input.newOwner.displayName ?? input.newOwner.email ?? 'the new owner'}; they were sent the renewal card.`,
    };
  }
  throw new AppError(AppErrorCode.Conflict, 'The contract is being changed by several people at once; try again in a moment.');
}
