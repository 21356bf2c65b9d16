import type { App } from '@slack/bolt';
import { renewalServicesFor } from '../../slack-handler-deps.js';
import { reassignRenewal } from '../../../../core/services/reassign-renewal.js';
import { stateValue, ZViewStateValues } from '../../forms/parse-request-form.js';
import { NEW_OWNER_BLOCK, ZReassignMetadata } from '../../forms/reassign-renewal-modal.js';
import { SLACK_VIEWS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { replaceOriginal, replyPrivately, runForUser, type ReplyTo } from '../reply.js';

/** The reassign modal: the picked person becomes the owner and gets the renewal card. */
export function registerRenewalReassignView(app: App, deps: SlackHandlerDeps): void {
  app.view(SLACK_VIEWS.renewalReassign, async ({ ack, body, view }) => {
    const state = ZViewStateValues.safeParse(view.state.values);
    const picked = state.success ? stateValue(state.data, NEW_OWNER_BLOCK) : undefined;
    if (!picked) {
      await ack({ response_action: 'errors', errors: { [NEW_OWNER_BLOCK]: 'Pick the person who should own this renewal.' } });
      return;
    }
    await ack();
    let meta;
    try {
      meta = ZReassignMetadata.parse(JSON.parse(view.private_metadata || '{}'));
    } catch {
      return replyPrivately(deps, { userId: body.user.id }, 'That form is out of date; nothing was changed.');
    }
    const to: ReplyTo = { userId: body.user.id, responseUrl: meta.responseUrl };
    await runForUser(deps, to, 'reassign the renewal', async () => {
      const [actor, newOwner] = await Promise.all([deps.users.resolve(body.user.id, body.team?.id), deps.users.resolve(picked, body.team?.id)]);
      const services = await renewalServicesFor(deps.ctx);
      const { message } = await reassignRenewal(services.renewals, { contractId: meta.contractId, termEnd: meta.termEnd, newOwner, actor });
      await replaceOriginal(deps, to.responseUrl, { text: message });
      if (!to.responseUrl) await replyPrivately(deps, to, message);
    });
  });
}
