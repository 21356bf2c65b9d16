import type { AdminList } from '../ask/ask-deps.js';
import type { UserRef } from '../domain/user-ref.js';
import type { ChatMessage } from '../views/chat-message.js';
import { completeObligation } from './complete-obligation.js';
import { listObligations } from './list-obligations.js';
import type { ObligationDeps } from './obligation-deps.js';

/**
 * A Mark done click. On a reminder the answer is the outcome; on a contract's obligation list
 * (`fromList`) it is the list redrawn with the outcome on top, so the other buttons stay.
 */
export async function markObligationDone(
  deps: ObligationDeps & { admins: AdminList },
  input: { obligationId: string; actor: UserRef; fromList: boolean },
): Promise<ChatMessage> {
  const { message, obligation } = await completeObligation(deps, { obligationId: input.obligationId, actor: input.actor });
  if (!input.fromList) return { text: message };
  return listObligations(deps, { ref: obligation.contractRef, viewer: input.actor, note: message });
}
