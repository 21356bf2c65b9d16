import type { App } from '@slack/bolt';
import { SLACK_EVENTS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { publishHome } from './publish-home.js';

/** Refreshes the Home tab each time it is opened (events are acknowledged by Bolt before this runs). */
export function registerAppHomeOpened(app: App, deps: SlackHandlerDeps): void {
  app.event(SLACK_EVENTS.appHomeOpened, async ({ event, body }) => {
    if (event.tab !== 'home') return;
    const teamId = (body as { team_id?: string }).team_id;
    await publishHome(deps, event.user, teamId);
  });
}
