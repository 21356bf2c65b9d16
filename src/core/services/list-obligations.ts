import type { AdminList } from '../ask/ask-deps.js';
import { managesContract } from '../ask/contract-visibility.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import { obligationListMessage } from '../views/obligation-list-card.js';
import type { ChatMessage } from '../views/chat-message.js';
import { findContract } from './find-contract.js';
import type { ObligationDeps } from './obligation-deps.js';
import { todayFor } from './today-for.js';

/**
 * `contract obligations C-2026-0042`: the contract's obligations, soonest first, with a Mark done
 * button for each open one, counted from the viewer's today. The contract's owner, requester and
 * admins see all of them; the owner of an obligation sees their own. `note` heads the list (what
 * was just done).
 */
export async function listObligations(
  deps: ObligationDeps & { admins: AdminList },
  input: { ref: string; viewer: UserRef; note?: string },
): Promise<ChatMessage> {
  const contract = await findContract(deps, input.ref);
  const all = await deps.obligations.listForContract(contract.id);
  const seesAll = managesContract(contract, input.viewer, deps.admins);
  const visible = seesAll ? all : all.filter((o) => isSameUser(input.viewer, o.owner));
  if (!seesAll && visible.length === 0) {
    throw new AppError(AppErrorCode.Forbidden, `You do not have access to ${contract.ref}'s obligations: only its owner, requester and admins do.`);
  }
  return obligationListMessage(contract, visible, await todayFor(deps, input.viewer), input.note);
}
