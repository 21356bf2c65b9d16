import type { AdminList } from '../ask/ask-deps.js';
import { managesContract } from '../ask/contract-visibility.js';
import { parseObligationText } from '../domain/obligation-text.js';
import type { UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import { obligationRecordedMessage } from '../views/obligation-list-card.js';
import type { ChatMessage } from '../views/chat-message.js';
import { addObligation } from './add-obligation.js';
import { findContract } from './find-contract.js';
import type { ObligationDeps } from './obligation-deps.js';
import { todayFor } from './today-for.js';

/**
 * `contract obligation C-2026-0042 payment 2027-01-15 Q1 invoice [USD 12,000]`: records what the
 * contract commits someone to. Only the contract's owner or requester (or an admin) may; the
 * obligation's owner is `owner` when the platform named one, else the person recording it. A due
 * date already past in the recorder's time zone is refused.
 */
export async function recordObligation(
  deps: ObligationDeps & { admins: AdminList },
  input: { text: string; actor: UserRef; owner?: UserRef },
): Promise<ChatMessage> {
  const parsed = parseObligationText(input.text);
  if (!parsed.ok) throw new AppError(AppErrorCode.InvalidInput, `\`obligation\` ${parsed.problem}`);
  const { ref, kind, dueDate, title, amount } = parsed.value;
  const contract = await findContract(deps, ref);
  if (!managesContract(contract, input.actor, deps.admins)) {
    throw new AppError(AppErrorCode.Forbidden, `Only the owner or requester of ${contract.ref} (or an admin) can record its obligations. Nothing was changed.`);
  }
  const today = await todayFor(deps, input.actor);
  if (dueDate < today) {
    throw new AppError(AppErrorCode.InvalidInput, `The due date ${dueDate} is already past (today is ${today}); nothing was recorded.`);
  }
  const { obligation, created } = await addObligation(deps, {
    contractId: contract.id,
    kind,
    title,
    dueDate,
    owner: input.owner ?? input.actor,
    ...(amount ? { amount } : {}),
    actor: input.actor,
  });
  return obligationRecordedMessage(obligation, created);
}
