import type { App } from '@slack/bolt';
import type { SlackHandlerDeps } from '../slack-handler-deps.js';
import { registerApprovalActions } from './actions/approval-actions.js';
import { registerRenewalActions } from './actions/renewal-actions.js';
import { registerRenewalReassignView } from './views/renewal-reassign-view.js';
import { registerLifecycleActions } from './actions/lifecycle-actions.js';
import { registerContractCommand } from './commands/contract-command.js';
import { registerTermsActions } from './actions/terms-actions.js';
import { registerAppHomeOpened } from './events/app-home-opened.js';
import { registerAppMention } from './events/app-mention.js';
import { registerDirectMessage } from './events/direct-message.js';
import { registerTermsEditView } from './views/terms-edit-view.js';
import { registerContractRequestView } from './views/contract-request-view.js';
import { registerMarkSignedView } from './views/mark-signed-view.js';
import { registerCancelSignatureView } from './views/cancel-signature-view.js';
import { registerRejectReasonView } from './views/reject-reason-view.js';
import { registerResubmitView } from './views/resubmit-view.js';

/** Every Slack listener; the ids they use are in slack-ids.ts (checked against the manifest). */
export function registerListeners(app: App, deps: SlackHandlerDeps): void {
  registerContractCommand(app, deps);
  registerApprovalActions(app, deps);
  registerRenewalActions(app, deps);
  registerRenewalReassignView(app, deps);
  registerLifecycleActions(app, deps);
  registerContractRequestView(app, deps);
  registerRejectReasonView(app, deps);
  registerMarkSignedView(app, deps);
  registerCancelSignatureView(app, deps);
  registerResubmitView(app, deps);
  registerAppHomeOpened(app, deps);
  // Ask Clause: uploads and questions.
  registerDirectMessage(app, deps);
  registerAppMention(app, deps);
  registerTermsActions(app, deps);
  registerTermsEditView(app, deps);
}
