import type { App } from '@slack/bolt';
import { REPEAT_SEPARATOR } from '../render/block-kit.js';
import { SLACK_ACTIONS, SLACK_COMMANDS, SLACK_VIEWS } from '../slack-ids.js';
import type { SlackHandlerDeps } from '../slack-handler-deps.js';
import { replyPrivately } from './reply.js';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Matches any id that is not one of `known` (with the `~N` suffix of a repeated button). */
function anyBut(known: readonly string[], repeatable = false): RegExp {
  const suffix = repeatable ? `(${escapeRegExp(REPEAT_SEPARATOR)}\\d+)?` : '';
  return new RegExp(`^(?!(?:${known.map(escape).join('|')})${suffix}$)`);
}

const UNKNOWN_BUTTON =
  'That button is not one Clause knows (it may be from an older message or another app), so nothing was done. Type `/contract help` to see what Clause can do.';
const UNKNOWN_FORM =
  'That form is not one Clause knows (it may be from an older version of Clause), so nothing was saved. Type `/contract help` to see what Clause can do.';
const UNKNOWN_COMMAND = 'That command is not one Clause knows. Type `/contract help` to see what Clause can do.';

/**
 * Registered after every other listener: an action, form, shortcut or command Clause does not
 * know is acknowledged at once (never left to Bolt's 404 after three seconds) and the person is
 * told, privately, that it is not one Clause knows. Nothing else happens.
 */
export function registerCatchAll(app: App, deps: SlackHandlerDeps): void {
  app.action(anyBut(Object.values(SLACK_ACTIONS), true), async ({ ack, body }) => {
    await ack();
    const b = body as { user?: { id?: string }; response_url?: string; actions?: Array<{ action_id?: string }> };
    deps.ctx.logger.warn({ user: b.user?.id, actionId: b.actions?.[0]?.action_id }, 'Slack action Clause does not know');
    if (b.user?.id) await replyPrivately(deps, { userId: b.user.id, responseUrl: b.response_url }, UNKNOWN_BUTTON);
  });
  app.view({ callback_id: anyBut(Object.values(SLACK_VIEWS)), type: 'view_submission' }, async ({ ack, body }) => {
    await ack();
    deps.ctx.logger.warn({ user: body.user.id, callbackId: body.view.callback_id }, 'Slack form Clause does not know');
    await replyPrivately(deps, { userId: body.user.id }, UNKNOWN_FORM);
  });
  app.view({ callback_id: /.*/, type: 'view_closed' }, async ({ ack }) => {
    await ack();
  });
  app.shortcut(/.*/, async ({ ack, body }) => {
    await ack();
    const responseUrl = (body as { response_url?: string }).response_url;
    deps.ctx.logger.warn({ user: body.user.id, callbackId: body.callback_id }, 'Slack shortcut Clause does not know');
    await replyPrivately(deps, { userId: body.user.id, responseUrl }, UNKNOWN_BUTTON);
  });
  app.command(anyBut(Object.values(SLACK_COMMANDS)), async ({ ack, command }) => {
    deps.ctx.logger.warn({ user: command.user_id, command: command.command }, 'Slack command Clause does not know');
    await ack({ response_type: 'ephemeral', text: UNKNOWN_COMMAND });
  });
  app.options(/.*/, async ({ ack }) => {
    await ack({ options: [] });
  });
}
