import type { App } from '@slack/bolt';
import { ACTION_IDS } from '../../../core/interactions/handle-action.js';
import { FORM_IDS } from '../../../core/interactions/forms.js';
import type { SlackHandlerDeps } from '../slack-handler-deps.js';
import { registerCardActions } from './actions/button-click.js';
import { registerContractCommand } from './commands/contract-command.js';
import { registerAppHomeOpened } from './events/app-home-opened.js';
import { registerAppMention } from './events/app-mention.js';
import { registerDirectMessage } from './events/direct-message.js';
import { onFormSubmission } from './views/form-submission.js';

/**
 * Every Slack listener. Commands, card actions and forms are the core's (core/interactions):
 * one listener per command, action id and form id, each only translating; the ids are in
 * slack-ids.ts (checked against the manifest).
 */
export function registerListeners(app: App, deps: SlackHandlerDeps): void {
  registerContractCommand(app, deps);
  registerCardActions(app, deps, ACTION_IDS);
  for (const formId of Object.values(FORM_IDS)) onFormSubmission(app, deps, formId);
  registerAppHomeOpened(app, deps);
  // Ask Clause: uploads and questions.
  registerDirectMessage(app, deps);
  registerAppMention(app, deps);
}
