import type { App } from '@slack/bolt';
import { confirmProposedTerms } from '../../../../core/services/confirm-proposed-terms.js';
import { termsConfirmedMessage, ZTermsActionValue } from '../../../../core/views/proposed-terms-message.js';
import { AppError, AppErrorCode } from '../../../../core/errors.js';
import { slackAskServices } from '../../ask/slack-ask-services.js';
import { termsEditModal } from '../../forms/terms-edit-modal.js';
import { SLACK_ACTIONS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { replaceOriginal, replyPrivately, runForUser, type ReplyTo } from '../reply.js';
import { parseButtonValue, ZBlockActionBody } from './action-payload.js';

const STALE = 'This button is from a message Clause can no longer read; share the contract file again.';

/** Confirm saves the proposed terms as a contract (once); Edit opens the correction form. */
export function registerTermsActions(app: App, deps: SlackHandlerDeps): void {
  app.action(SLACK_ACTIONS.termsConfirm, async ({ ack, body }) => {
    await ack();
    const payload = ZBlockActionBody.parse(body);
    const to: ReplyTo = { userId: payload.user.id, responseUrl: payload.response_url };
    const value = parseButtonValue(ZTermsActionValue, payload.actions[0]?.value);
    if (!value) return replyPrivately(deps, to, STALE);
    await runForUser(deps, to, 'save the contract terms', async () => {
      const user = await deps.users.resolve(payload.user.id, payload.team?.id);
      const { contract, confirmedNow } = await confirmProposedTerms((await slackAskServices(deps)).terms, { proposalId: value.proposalId, user });
      const done = termsConfirmedMessage(contract, confirmedNow);
      if (payload.response_url) await replaceOriginal(deps, payload.response_url, done);
      else await replyPrivately(deps, to, done);
    });
  });

  // The trigger id lasts three seconds: read the proposal and open the form right away.
  app.action(SLACK_ACTIONS.termsEdit, async ({ ack, body }) => {
    await ack();
    const payload = ZBlockActionBody.parse(body);
    const to: ReplyTo = { userId: payload.user.id, responseUrl: payload.response_url };
    const value = parseButtonValue(ZTermsActionValue, payload.actions[0]?.value);
    if (!value || !payload.trigger_id) return replyPrivately(deps, to, STALE);
    await runForUser(deps, to, 'open the correction form', async () => {
      const proposal = await (await slackAskServices(deps)).terms.proposals.find(value.proposalId);
      if (!proposal) throw new AppError(AppErrorCode.NotFound, 'These proposed terms are no longer available; upload the file again.');
      await deps.client.views.open({ trigger_id: payload.trigger_id!, view: termsEditModal(proposal, payload.response_url) });
    });
  });
}
