import type { AdminList } from '../ask/ask-deps.js';
import { isAdmin } from '../ask/contract-visibility.js';
import type { CalendarDate } from '../domain/calendar-date.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import { obligationListMessage } from '../views/obligation-list-card.js';
import type { ChatMessage } from '../views/chat-message.js';
import { findContract } from './find-contract.js';
import type { ObligationDeps } from './obligation-deps.js';

/**
 * `contract obligations C-2026-0042`: the contract's obligations, soonest first, with a Mark done
 * button for each open one. The contract's owner, requester and admins see all of them; the
 * owner of an obligation sees their own.
 */
export async function listObligations(
  deps: ObligationDeps & { admins: AdminList },
  input: { ref: string; viewer: UserRef; today: CalendarDate; note?: string },
): Promise<ChatMessage> {
  const contract = await findContract(deps, input.ref);
  const all = await deps.obligations.listForContract(contract.id);
  const seesAll = isSameUser(input.viewer, contract.owner) || isSameUser(input.viewer, contract.requester) || isAdmin(deps.admins, input.viewer);
  const visible = seesAll ? all : all.filter((o) => isSameUser(input.viewer, o.owner));
  if (!seesAll && visible.length === 0) {
    throw new AppError(AppErrorCode.Forbidden, `You do not have access to ${contract.ref}'s obligations: only its owner, requester and admins do.`);
  }
  return obligationListMessage(contract, visible, input.today, input.note);
}
