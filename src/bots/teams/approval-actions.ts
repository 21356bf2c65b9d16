import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { currentApprovalCard } from '../../core/interactions/submit-form.js';
import type { ApprovalDeps } from '../../core/services/approval-deps.js';
import { APPROVAL_ACTIONS } from '../../core/views/approval-card.js';
import type { ChatMessage } from '../../core/views/chat-message.js';
import type { ConversationReferences } from '../../core/ports/conversation-references.js';
import { renderAdaptiveCard } from './adaptive-card.js';
import { respondWithCard, respondWithMessage } from './invoke-response.js';
import type { TeamsBotDeps } from './teams-bot-deps.js';

/** Teams calls this verb to redraw an approval card for a viewer listed in its `refresh.userIds`. */
export const APPROVAL_REFRESH_VERB = 'approval.refresh';

/** The `refresh` block of a round's card, or undefined when nothing should refresh it. */
export type ApprovalRefresh = (roundId: string) => Promise<Record<string, unknown> | undefined>;

const ZRefreshData = z.object({ roundId: z.string().min(1) });

/**
 * Universal Actions refresh: Teams re-fetches the card for these users (their Teams ids, as
 * stored when they talked to the bot) whenever they look at it, so every approver sees the
 * current state even on a copy the bot could not update. Only while the round is pending.
 */
export function approvalRefresh(approvals: ApprovalDeps | undefined, references: ConversationReferences): ApprovalRefresh {
  return async (roundId) => {
    const round = await approvals?.approvals.findRound(roundId);
    if (round?.status !== 'pending') return undefined;
    const aadIds = new Set(
      round.stages[round.currentStage]?.slots.flatMap((s) => s.candidates.flatMap((c) => c.users.filter((u) => u.platform === 'teams').map((u) => u.id))) ?? [],
    );
    const userIds: string[] = [];
    for (const aad of aadIds) {
      const stored = await references.findUser(aad);
      if (stored?.userId) userIds.push(stored.userId);
    }
    if (userIds.length === 0) return undefined;
    return { action: { type: 'Action.Execute', verb: APPROVAL_REFRESH_VERB, data: { roundId } }, userIds: userIds.slice(0, 60) };
  };
}

/** For the notifier: the refresh block of an approval card message, found by its buttons' round. */
export function refreshForMessage(refresh: ApprovalRefresh): (message: ChatMessage) => Promise<Record<string, unknown> | undefined> {
  return async (message) => {
    const action = message.card?.actions?.find((a) => a.id === APPROVAL_ACTIONS.approve || a.id === APPROVAL_ACTIONS.reject);
    return action?.value.roundId ? refresh(action.value.roundId) : undefined;
  };
}

/**
 * `approval.refresh`: Teams asks for the current card of a round for a viewer listed in its
 * `refresh.userIds` (the decisions themselves are card actions of the core, like every other).
 */
export async function handleApprovalRefresh(context: TurnContext, deps: TeamsBotDeps, refresh: ApprovalRefresh, data: unknown): Promise<void> {
  const parsed = ZRefreshData.safeParse(data);
  if (!parsed.success || !deps.approvals) return respondWithMessage(context, 'This approval card is out of date.');
  const card = await currentApprovalCard(deps.approvals, parsed.data.roundId);
  if (!card) return respondWithMessage(context, 'This approval no longer exists.');
  const refreshBlock = await refresh(parsed.data.roundId);
  await respondWithCard(context, renderAdaptiveCard(card, refreshBlock ? { refresh: refreshBlock } : {}));
}
