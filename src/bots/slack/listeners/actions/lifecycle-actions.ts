import type { App } from '@slack/bolt';
import { calendarDateIn } from '../../../../core/domain/calendar-date.js';
import { markSentForSignature } from '../../clause-services.js';
import { markSignedModal } from '../../forms/mark-signed-modal.js';
import { cancelSignatureModal } from '../../forms/cancel-signature-modal.js';
import { resendSignatureRequest } from '../../../../core/services/resend-signature-request.js';
import { resubmitModal } from '../../forms/resubmit-modal.js';
import { nextStepMessage } from '../../../../core/views/contract-views.js';
import { SLACK_ACTIONS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { replaceOriginal, replyPrivately, runForUser } from '../reply.js';
import { ZContractActionValue } from './action-payload.js';
import { onButton } from './button-click.js';

const stale = 'This button is from a message Clause can no longer read; use `/contract show <ref>` for the current buttons.';

/** The owner's and requester's buttons: revise and resubmit, mark sent, mark signed. */
export function registerLifecycleActions(app: App, deps: SlackHandlerDeps): void {
  // Resubmitting asks what changed first (a modal, so the trigger id is used at once).
  onButton(app, deps, SLACK_ACTIONS.resubmit, ZContractActionValue, { stale, opensModal: true }, async ({ payload, to, value, fromHome }) => {
    await runForUser(deps, to, 'open the resubmit form', async () => {
      await deps.client.views.open({
        trigger_id: payload.trigger_id!,
        view: resubmitModal({ contractId: value.contractId, ...(to.responseUrl ? { responseUrl: to.responseUrl } : {}), fromHome }),
      });
    });
  });

  onButton(app, deps, SLACK_ACTIONS.markSent, ZContractActionValue, { stale }, async ({ payload, to, value }) => {
    await runForUser(deps, to, 'mark the contract sent for signature', async () => {
      const actor = await deps.users.resolve(payload.user.id, payload.team?.id);
      const contract = await markSentForSignature(deps.ctx.approvals, { contractId: value.contractId, actor });
      const next = nextStepMessage(contract, actor, undefined, await deps.ctx.approvals.signatures?.requests.latestFor(contract.id));
      if (to.responseUrl) await replaceOriginal(deps, to.responseUrl, next);
      else await replyPrivately(deps, to, next);
    });
  });

  // Signing needs a date: open the modal at once (the trigger id is valid for 3 seconds).
  onButton(app, deps, SLACK_ACTIONS.markSigned, ZContractActionValue, { stale, opensModal: true }, async ({ payload, to, value, fromHome }) => {
    await runForUser(deps, to, 'open the signing form', async () => {
      await deps.client.views.open({
        trigger_id: payload.trigger_id!,
        view: markSignedModal(
          { contractId: value.contractId, ...(to.responseUrl ? { responseUrl: to.responseUrl } : {}), fromHome },
          calendarDateIn(deps.ctx.clock.now()),
        ),
      });
    });
  });

  // E-signature (ESIGN_PROVIDER): resend to the signers who have not signed; cancel asks why first.
  onButton(app, deps, SLACK_ACTIONS.resendSignature, ZContractActionValue, { stale }, async ({ payload, to, value }) => {
    await runForUser(deps, to, 'resend the signature request', async () => {
      const actor = await deps.users.resolve(payload.user.id, payload.team?.id);
      const { contract, resentTo } = await resendSignatureRequest(deps.ctx.approvals, { contractId: value.contractId, actor });
      await replyPrivately(deps, to, `${contract.ref}: the signature request was sent again to ${resentTo.join(', ')}.`);
    });
  });

  onButton(app, deps, SLACK_ACTIONS.cancelSignature, ZContractActionValue, { stale, opensModal: true }, async ({ payload, to, value, fromHome }) => {
    await runForUser(deps, to, 'open the cancel form', async () => {
      await deps.client.views.open({
        trigger_id: payload.trigger_id!,
        view: cancelSignatureModal({ contractId: value.contractId, ...(to.responseUrl ? { responseUrl: to.responseUrl } : {}), fromHome }),
      });
    });
  });
}
