import type { App } from '@slack/bolt';
import { decideApproval } from '../../clause-services.js';
import { stateValue, ZViewStateValues } from '../../forms/parse-request-form.js';
import { REASON_BLOCK } from '../../forms/reject-reason-modal.js';
import { SLACK_VIEWS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { parseMetadata } from '../actions/action-payload.js';
import { publishHome } from '../events/publish-home.js';
import { replyPrivately, runForUser, type ReplyTo } from '../reply.js';

/** The rejection reason modal: a reason is required; then the core records the rejection. */
export function registerRejectReasonView(app: App, deps: SlackHandlerDeps): void {
  app.view(SLACK_VIEWS.rejectReason, async ({ ack, body, view }) => {
    const state = ZViewStateValues.safeParse(view.state.values);
    const reason = state.success ? stateValue(state.data, REASON_BLOCK) : undefined;
    if (!reason) {
      await ack({ response_action: 'errors', errors: { [REASON_BLOCK]: 'A reason is required, so the requester knows what to change.' } });
      return;
    }
    if (reason.length > 2000) {
      await ack({ response_action: 'errors', errors: { [REASON_BLOCK]: 'must be at most 2000 characters' } });
      return;
    }
    await ack();
    const meta = parseMetadata(view.private_metadata);
    const to: ReplyTo = { userId: body.user.id, responseUrl: meta.responseUrl };
    if (!meta.roundId || meta.stage === undefined) return replyPrivately(deps, to, 'That rejection form is out of date; nothing was changed.');
    await runForUser(deps, to, 'record your rejection', async () => {
      const approver = await deps.users.resolve(body.user.id, body.team?.id);
      const outcome = await decideApproval(deps.ctx.approvals, { roundId: meta.roundId!, stageIndex: meta.stage!, approver, decision: 'reject', reason });
      await replyPrivately(deps, to, outcome.message);
    });
    if (meta.fromHome) await publishHome(deps, body.user.id, body.team?.id);
  });
}
