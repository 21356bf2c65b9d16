import type { App } from '@slack/bolt';
import { ZApprovalActionValue } from '../../../../core/views/approval-card.js';
import { decideApproval } from '../../clause-services.js';
import { rejectReasonModal } from '../../forms/reject-reason-modal.js';
import { SLACK_ACTIONS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { replyPrivately, runForUser } from '../reply.js';
import { onButton } from './button-click.js';

const stale = 'This button is from a message Clause can no longer read. Open the newest approval message, or `/contract show <ref>`.';

/**
 * Approve: acknowledged at once, then decided by the core (which updates every copy of the card
 * in place). A refusal (not an approver, the requester or owner, already decided, a stale card)
 * is explained to the clicker only, and nothing changes.
 */
export function registerApprovalActions(app: App, deps: SlackHandlerDeps): void {
  onButton(app, deps, SLACK_ACTIONS.approve, ZApprovalActionValue, { stale }, async ({ payload, to, value }) => {
    await runForUser(deps, to, 'record your approval', async () => {
      const approver = await deps.users.resolve(payload.user.id, payload.team?.id);
      const outcome = await decideApproval(deps.ctx.approvals, { roundId: value.roundId, stageIndex: value.stage, approver, decision: 'approve' });
      await replyPrivately(deps, to, outcome.message);
    });
  });

  // Reject needs a reason: the click opens a modal (the trigger id is only valid for 3 seconds).
  onButton(app, deps, SLACK_ACTIONS.reject, ZApprovalActionValue, { stale, opensModal: true }, async ({ payload, to, value, fromHome }) => {
    await runForUser(deps, to, 'open the rejection form', async () => {
      await deps.client.views.open({
        trigger_id: payload.trigger_id!,
        view: rejectReasonModal({ roundId: value.roundId, stage: value.stage, ...(to.responseUrl ? { responseUrl: to.responseUrl } : {}), fromHome }),
      });
    });
  });
}
