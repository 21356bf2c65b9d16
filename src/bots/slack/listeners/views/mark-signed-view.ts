import type { App } from '@slack/bolt';
import { calendarDateIn, ZCalendarDate } from '../../../../core/domain/calendar-date.js';
import { markSigned } from '../../clause-services.js';
import { SIGNED_DATE_BLOCK } from '../../forms/mark-signed-modal.js';
import { stateValue, ZViewStateValues } from '../../forms/parse-request-form.js';
import { nextStepMessage } from '../../../../core/views/contract-views.js';
import { SLACK_VIEWS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { parseMetadata } from '../actions/action-payload.js';
import { publishHome } from '../events/publish-home.js';
import { replaceOriginal, replyPrivately, runForUser, type ReplyTo } from '../reply.js';

/** The signed-date modal: a real date, not in the future; then the contract becomes active. */
export function registerMarkSignedView(app: App, deps: SlackHandlerDeps): void {
  app.view(SLACK_VIEWS.markSigned, async ({ ack, body, view }) => {
    const state = ZViewStateValues.safeParse(view.state.values);
    const date = ZCalendarDate.safeParse(state.success ? stateValue(state.data, SIGNED_DATE_BLOCK) : undefined);
    // A day of slack for time zones ahead of UTC.
    const latest = calendarDateIn(new Date(deps.ctx.clock.now().getTime() + 86_400_000));
    if (!date.success || date.data > latest) {
      await ack({ response_action: 'errors', errors: { [SIGNED_DATE_BLOCK]: date.success ? 'cannot be in the future' : 'pick the date it was signed' } });
      return;
    }
    await ack();
    const meta = parseMetadata(view.private_metadata);
    const to: ReplyTo = { userId: body.user.id, responseUrl: meta.responseUrl };
    if (!meta.contractId) return replyPrivately(deps, to, 'That form is out of date; nothing was changed.');
    await runForUser(deps, to, 'mark the contract signed', async () => {
      const actor = await deps.users.resolve(body.user.id, body.team?.id);
      const contract = await markSigned(deps.ctx.approvals, { contractId: meta.contractId!, actor, signedDate: date.data });
      const done = nextStepMessage(contract, actor, `Signed ${date.data}.`);
      if (meta.responseUrl) await replaceOriginal(deps, meta.responseUrl, done);
      else await replyPrivately(deps, to, done);
    });
    if (meta.fromHome) await publishHome(deps, body.user.id, body.team?.id);
  });
}
