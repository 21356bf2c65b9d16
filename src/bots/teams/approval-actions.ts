import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isAppError } from '../../core/errors.js';
import type { ApprovalDeps } from '../../core/services/approval-deps.js';
import { decideApproval } from '../../core/services/decide-approval.js';
import { APPROVAL_ACTIONS, approvalCardMessage, ZApprovalActionValue } from '../../core/views/approval-card.js';
import type { ChatMessage } from '../../core/views/chat-message.js';
import type { ConversationReferences } from '../../core/ports/conversation-references.js';
import { renderAdaptiveCard } from './adaptive-card.js';
import { respondWithCard, respondWithMessage } from './invoke-response.js';
import { actingUser } from './acting-user.js';
import type { TeamsBotDeps } from './teams-bot-deps.js';

/** Teams calls this verb to redraw an approval card for a viewer listed in its `refresh.userIds`. */
export const APPROVAL_REFRESH_VERB = 'approval.refresh';

/** The `refresh` block of a round's card, or undefined when nothing should refresh it. */
export type ApprovalRefresh = (roundId: string) => Promise<Record<string, unknown> | undefined>;

const ZApprovalData = ZApprovalActionValue.extend({ reason: z.string().trim().max(2000).optional() });
const ZRefreshData = z.object({ roundId: z.string().min(1) });

/**
 * Universal Actions refresh: Teams re-fetches the card for these users (their Teams ids, as
 * stored when they talked to the bot) whenever they look at it, so every approver sees the
 * current state even on a copy the bot could not update. Only while the round is pending.
 */
export function approvalRefresh(approvals: ApprovalDeps | undefined, references: ConversationReferences): ApprovalRefresh {
  return async (roundId) => {
    const round = await approvals?.approvals.findRound(roundId);
    if (!round || round.status !== 'pending') return undefined;
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

function withNote(message: ChatMessage, note: string | undefined): ChatMessage {
  if (!note || !message.card) return message;
  return { ...message, card: { ...message.card, sections: [...message.card.sections, { kind: 'context', text: note }] } };
}

/** The round's card as stored now, with an optional note only the clicking user sees. */
async function respondWithCurrentCard(context: TurnContext, approvals: ApprovalDeps, refresh: ApprovalRefresh, roundId: string, note?: string): Promise<void> {
  const round = await approvals.approvals.findRound(roundId);
  const contract = round ? await approvals.contracts.findById(round.contractId) : null;
  if (!round || !contract) return respondWithMessage(context, note ?? 'This approval no longer exists.');
  const decisions = await approvals.approvals.listDecisions(roundId);
  const refreshBlock = await refresh(roundId);
  await respondWithCard(context, renderAdaptiveCard(withNote(approvalCardMessage(contract, round, decisions), note), refreshBlock ? { refresh: refreshBlock } : {}));
}

/**
 * `approval.approve` / `approval.reject`: decides through the core, which records the decision
 * exactly once, updates every posted copy of the card and tells the requester. The clicking user
 * gets the refreshed card with what their click did; a refusal (not an approver, already decided)
 * gets the unchanged card with why.
 */
export async function handleApprovalAction(context: TurnContext, deps: TeamsBotDeps, refresh: ApprovalRefresh, data: unknown): Promise<void> {
  const parsed = ZApprovalData.safeParse(data);
  if (!parsed.success) return respondWithMessage(context, 'This approval card is out of date or damaged; nothing was changed.');
  if (!deps.approvals) return respondWithMessage(context, 'Approvals are not configured; nothing was changed.');
  const { roundId, stage, reason } = parsed.data;
  const verb = (context.activity.value as { action?: { verb?: string } }).action?.verb;
  const decision = verb === APPROVAL_ACTIONS.reject ? 'reject' : 'approve';
  if (decision === 'reject' && !reason) {
    return respondWithCurrentCard(context, deps.approvals, refresh, roundId, '⚠ A reason is required to reject; nothing was changed.');
  }
  const approver = await actingUser(context, deps);
  if (!approver) return respondWithMessage(context, 'I could not tell who you are; nothing was changed.');
  try {
    const outcome = await decideApproval(deps.approvals, { roundId, stageIndex: stage, approver, decision, ...(reason ? { reason } : {}) });
    return respondWithCurrentCard(context, deps.approvals, refresh, roundId, outcome.message);
  } catch (error) {
    if (!isAppError(error)) throw error;
    deps.logger.info({ roundId, stage, user: approver.id, code: error.code }, 'Teams approval click refused');
    return respondWithCurrentCard(context, deps.approvals, refresh, roundId, `⚠ ${error.message}`);
  }
}

export async function handleApprovalRefresh(context: TurnContext, deps: TeamsBotDeps, refresh: ApprovalRefresh, data: unknown): Promise<void> {
  const parsed = ZRefreshData.safeParse(data);
  if (!parsed.success || !deps.approvals) return respondWithMessage(context, 'This approval card is out of date.');
  return respondWithCurrentCard(context, deps.approvals, refresh, parsed.data.roundId);
}
