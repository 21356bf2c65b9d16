import type { App } from '@slack/bolt';
import { z } from 'zod';
import { ACTION_FORMS, handleAction, type ActionId } from '../../../../core/interactions/handle-action.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { publishHome } from '../events/publish-home.js';
import { REPEAT_SEPARATOR } from '../../render/block-kit.js';
import { showSlackResult, slackActor, slackInteractionDeps } from '../../interactions/slack-interactions.js';
import { replyPrivately, runForUser, type ReplyTo } from '../reply.js';
import { parseButtonValue, ZBlockActionBody } from './action-payload.js';

const STALE = 'This button is from a message Clause can no longer read; use `/contract show <ref>` or `/contract help`.';
const ZButtonValue = z.record(z.string(), z.unknown());

/**
 * A button listener for one card action: acknowledges first (Slack wants it within three
 * seconds), decodes the click into the neutral action (core/interactions/handle-action.ts),
 * renders what it returns, and refreshes the Home tab when the click came from there.
 */
function onButton(app: App, deps: SlackHandlerDeps, actionId: ActionId): void {
  const opensForm = ACTION_FORMS[actionId] !== undefined;
  // The id itself, or a repeated copy of it on one card (`obligation.done~2`, see block-kit.ts).
  const matcher = new RegExp(`^${actionId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(${REPEAT_SEPARATOR}\\d+)?$`);
  app.action(matcher, async ({ ack, body }) => {
    await ack();
    const payload = ZBlockActionBody.parse(body);
    const to: ReplyTo = { userId: payload.user.id, responseUrl: payload.response_url };
    const value = parseButtonValue(ZButtonValue, payload.actions[0]?.value);
    // A form must open within the trigger id's three seconds: without one, the click is stale.
    if (value === undefined || (opensForm && !payload.trigger_id)) return replyPrivately(deps, to, STALE);
    const fromHome = payload.container?.type === 'view';
    let openedForm = false;
    await runForUser(deps, to, `handle ${actionId}`, async () => {
      const actor = await slackActor(deps, payload.user.id, payload.team?.id);
      const result = await handleAction(slackInteractionDeps(deps), actor, { actionId, value, inputs: {} });
      openedForm = result.kind === 'form';
      await showSlackResult(deps, result, { to, teamId: payload.team?.id, triggerId: payload.trigger_id, fromHome });
    });
    // A modal's submit refreshes the tab itself; the tab is unchanged until then.
    if (fromHome && !openedForm) await publishHome(deps, payload.user.id, payload.team?.id);
  });
}

/** Every card action of the core, one listener each. */
export function registerCardActions(app: App, deps: SlackHandlerDeps, actionIds: readonly ActionId[]): void {
  for (const id of actionIds) onButton(app, deps, id);
}
