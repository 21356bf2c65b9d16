import type { App } from '@slack/bolt';
import { renewalServicesFor } from '../../slack-handler-deps.js';
import { markObligationDone } from '../../../../core/services/mark-obligation-done.js';
import { letLapse } from '../../../../core/services/let-lapse.js';
import { snoozeRenewal } from '../../../../core/services/snooze-renewal.js';
import { startRenewal } from '../../../../core/services/start-renewal.js';
import { ZObligationActionValue } from '../../../../core/views/obligation-reminder-card.js';
import { ZRenewalActionValue } from '../../../../core/views/renewal-nudge-card.js';
import { reassignRenewalModal } from '../../forms/reassign-renewal-modal.js';
import { SLACK_ACTIONS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { replaceOriginal, replyPrivately, runForUser } from '../reply.js';
import { onButton } from './button-click.js';

const stale = 'This button is from a reminder Clause can no longer read; use `/contract renewals` for the current list.';

/**
 * The renewal nudge's buttons (start, lapse, snooze, reassign) and the obligation reminder's
 * "Mark done". A decision replaces the card it was made on, so its buttons cannot be clicked
 * again; a refusal (already decided, an old term) is told to the clicker only.
 */
export function registerRenewalActions(app: App, deps: SlackHandlerDeps): void {
  onButton(app, deps, SLACK_ACTIONS.renewalStart, ZRenewalActionValue, { stale }, async ({ payload, to, value }) => {
    await runForUser(deps, to, 'start the renewal', async () => {
      const actor = await deps.users.resolve(payload.user.id, payload.team?.id);
      const services = await renewalServicesFor(deps.ctx);
      const result = await startRenewal(services.renewals, { ...value, actor });
      await replaceOriginal(deps, to.responseUrl, { text: `${result.original.ref}: ${actor.displayName ?? 'someone'} started the renewal. ${result.message}` });
      if (!to.responseUrl) await replyPrivately(deps, to, result.message);
    });
  });

  onButton(app, deps, SLACK_ACTIONS.renewalLapse, ZRenewalActionValue, { stale }, async ({ payload, to, value }) => {
    await runForUser(deps, to, 'record the decision', async () => {
      const actor = await deps.users.resolve(payload.user.id, payload.team?.id);
      const services = await renewalServicesFor(deps.ctx);
      const result = await letLapse(services.renewals, { ...value, actor });
      await replaceOriginal(deps, to.responseUrl, { text: result.message });
      if (!to.responseUrl) await replyPrivately(deps, to, result.message);
    });
  });

  onButton(app, deps, SLACK_ACTIONS.renewalSnooze, ZRenewalActionValue, { stale }, async ({ payload, to, value }) => {
    await runForUser(deps, to, 'snooze the reminders', async () => {
      const actor = await deps.users.resolve(payload.user.id, payload.team?.id);
      const services = await renewalServicesFor(deps.ctx);
      const { message } = await snoozeRenewal(services.renewals, { ...value, actor });
      await replyPrivately(deps, to, message);
    });
  });

  // Reassign needs a person: the click opens a user picker (the trigger id lasts 3 seconds).
  onButton(app, deps, SLACK_ACTIONS.renewalReassign, ZRenewalActionValue, { stale, opensModal: true }, async ({ payload, to, value }) => {
    await runForUser(deps, to, 'open the reassign form', async () => {
      await deps.client.views.open({
        trigger_id: payload.trigger_id!,
        view: reassignRenewalModal({ contractId: value.contractId, termEnd: value.termEnd, ...(to.responseUrl ? { responseUrl: to.responseUrl } : {}) }),
      });
    });
  });

  onButton(app, deps, SLACK_ACTIONS.obligationDone, ZObligationActionValue, { stale }, async ({ payload, to, value }) => {
    await runForUser(deps, to, 'mark the obligation done', async () => {
      const actor = await deps.users.resolve(payload.user.id, payload.team?.id);
      const services = await renewalServicesFor(deps.ctx);
      const answer = await markObligationDone(
        { ...services.obligations, admins: deps.ctx.env.CLAUSE_ADMINS },
        { obligationId: value.obligationId, actor, fromList: Boolean(value.list) },
      );
      await replaceOriginal(deps, to.responseUrl, answer);
      if (!to.responseUrl) await replyPrivately(deps, to, answer);
    });
  });
}
