import type { App } from '@slack/bolt';
import { calendarDateIn } from '../../../../core/domain/calendar-date.js';
import { markSentForSignature, resubmitContract } from '../../clause-services.js';
import { markSignedModal } from '../../forms/mark-signed-modal.js';
import { nextStepMessage } from '../../render/contract-messages.js';
import { SLACK_ACTIONS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { publishHome } from '../events/publish-home.js';
import { replaceOriginal, replyPrivately, runForUser, type ReplyTo } from '../reply.js';
import { parseButtonValue, ZBlockActionBody, ZContractActionValue } from './action-payload.js';

const STALE = 'This button is from a message Clause can no longer read; use `/contract show <ref>` for the current buttons.';

/** The owner's and requester's buttons: revise and resubmit, mark sent, mark signed. */
export function registerLifecycleActions(app: App, deps: SlackHandlerDeps): void {
  app.action(SLACK_ACTIONS.resubmit, async ({ ack, body }) => {
    await ack();
    const payload = ZBlockActionBody.parse(body);
    const to: ReplyTo = { userId: payload.user.id, responseUrl: payload.response_url };
    const value = parseButtonValue(ZContractActionValue, payload.actions[0]?.value);
    if (!value) return replyPrivately(deps, to, STALE);
    await runForUser(deps, to, 'resubmit the contract', async () => {
      const actor = await deps.users.resolve(payload.user.id, payload.team?.id);
      const { contract, round } = await resubmitContract(deps.ctx.approvals, { contractId: value.contractId, actor });
      await replaceOriginal(
        deps,
        payload.response_url,
        nextStepMessage(contract, actor, `Resubmitted as version ${round.contractVersion}: approval round ${round.round} has started.`),
      );
    });
    if (payload.container?.type === 'view') await publishHome(deps, payload.user.id, payload.team?.id);
  });

  app.action(SLACK_ACTIONS.markSent, async ({ ack, body }) => {
    await ack();
    const payload = ZBlockActionBody.parse(body);
    const to: ReplyTo = { userId: payload.user.id, responseUrl: payload.response_url };
    const value = parseButtonValue(ZContractActionValue, payload.actions[0]?.value);
    if (!value) return replyPrivately(deps, to, STALE);
    await runForUser(deps, to, 'mark the contract sent for signature', async () => {
      const actor = await deps.users.resolve(payload.user.id, payload.team?.id);
      const contract = await markSentForSignature(deps.ctx.approvals, { contractId: value.contractId, actor });
      const next = nextStepMessage(contract, actor);
      if (payload.response_url) await replaceOriginal(deps, payload.response_url, next);
      else await replyPrivately(deps, to, next);
    });
    if (payload.container?.type === 'view') await publishHome(deps, payload.user.id, payload.team?.id);
  });

  // Signing needs a date: open the modal at once (the trigger id is valid for 3 seconds).
  app.action(SLACK_ACTIONS.markSigned, async ({ ack, body }) => {
    await ack();
    const payload = ZBlockActionBody.parse(body);
    const to: ReplyTo = { userId: payload.user.id, responseUrl: payload.response_url };
    const value = parseButtonValue(ZContractActionValue, payload.actions[0]?.value);
    if (!value || !payload.trigger_id) return replyPrivately(deps, to, STALE);
    await runForUser(deps, to, 'open the signing form', async () => {
      await deps.client.views.open({
        trigger_id: payload.trigger_id!,
        view: markSignedModal(
          { contractId: value.contractId, ...(payload.response_url ? { responseUrl: payload.response_url } : {}), fromHome: payload.container?.type === 'view' },
          calendarDateIn(deps.ctx.clock.now()),
        ),
      });
    });
  });
}
