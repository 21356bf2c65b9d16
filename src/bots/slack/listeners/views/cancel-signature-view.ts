import type { App } from '@slack/bolt';
import { cancelSignatureRequest } from '../../../../core/services/cancel-signature-request.js';
import { nextStepMessage } from '../../../../core/views/contract-views.js';
import { CANCEL_REASON_BLOCK } from '../../forms/cancel-signature-modal.js';
import { stateValue, ZViewStateValues } from '../../forms/parse-request-form.js';
import { SLACK_VIEWS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { parseMetadata } from '../actions/action-payload.js';
import { replaceOriginal, replyPrivately, runForUser, type ReplyTo } from '../reply.js';

/** The cancel-signature modal: a reason, then the core voids the envelope (see cancelSignatureRequest). */
export function registerCancelSignatureView(app: App, deps: SlackHandlerDeps): void {
  app.view(SLACK_VIEWS.cancelSignature, async ({ ack, body, view }) => {
    const state = ZViewStateValues.safeParse(view.state.values);
    const reason = String((state.success ? stateValue(state.data, CANCEL_REASON_BLOCK) : undefined) ?? '').trim();
    if (!reason) {
      await ack({ response_action: 'errors', errors: { [CANCEL_REASON_BLOCK]: 'say why the request is cancelled' } });
      return;
    }
    await ack();
    const meta = parseMetadata(view.private_metadata);
    const to: ReplyTo = { userId: body.user.id, responseUrl: meta.responseUrl };
    if (!meta.contractId) return replyPrivately(deps, to, 'That form is out of date; nothing was changed.');
    await runForUser(deps, to, 'cancel the signature request', async () => {
      const actor = await deps.users.resolve(body.user.id, body.team?.id);
      const contract = await cancelSignatureRequest(deps.ctx.approvals, { contractId: meta.contractId!, actor, reason });
      const done = nextStepMessage(contract, actor, 'Signature request cancelled.');
      if (meta.responseUrl) await replaceOriginal(deps, meta.responseUrl, done);
      else await replyPrivately(deps, to, done);
    });
  });
}
