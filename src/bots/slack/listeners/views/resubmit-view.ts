import type { App } from '@slack/bolt';
import { resubmitContract } from '../../clause-services.js';
import { stateValue, ZViewStateValues } from '../../forms/parse-request-form.js';
import { CHANGE_NOTE_BLOCK } from '../../forms/resubmit-modal.js';
import { nextStepMessage } from '../../../../core/views/contract-views.js';
import { SLACK_VIEWS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { parseMetadata } from '../actions/action-payload.js';
import { publishHome } from '../events/publish-home.js';
import { replaceOriginal, replyPrivately, runForUser, type ReplyTo } from '../reply.js';

/** The resubmit modal: a note on what changed is required; then a new version and round start. */
export function registerResubmitView(app: App, deps: SlackHandlerDeps): void {
  app.view(SLACK_VIEWS.resubmit, async ({ ack, body, view }) => {
    const state = ZViewStateValues.safeParse(view.state.values);
    const note = state.success ? stateValue(state.data, CHANGE_NOTE_BLOCK) : undefined;
    if (!note || note.length > 1000) {
      await ack({ response_action: 'errors', errors: { [CHANGE_NOTE_BLOCK]: note ? 'must be at most 1000 characters' : 'say what changed, so the approvers can check it' } });
      return;
    }
    await ack();
    const meta = parseMetadata(view.private_metadata);
    const to: ReplyTo = { userId: body.user.id, responseUrl: meta.responseUrl };
    if (!meta.contractId) return replyPrivately(deps, to, 'That form is out of date; nothing was changed.');
    await runForUser(deps, to, 'resubmit the contract', async () => {
      const actor = await deps.users.resolve(body.user.id, body.team?.id);
      const { contract, round } = await resubmitContract(deps.ctx.approvals, { contractId: meta.contractId!, actor, note });
      const next = nextStepMessage(contract, actor, `Resubmitted as version ${round.contractVersion}: approval round ${round.round} has started.`);
      // Replacing the message removes the button, so it cannot be used twice.
      if (meta.responseUrl) await replaceOriginal(deps, meta.responseUrl, next);
      else await replyPrivately(deps, to, next);
    });
    if (meta.fromHome) await publishHome(deps, body.user.id, body.team?.id);
  });
}
