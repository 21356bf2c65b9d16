import type { AskServices } from '../../../core/ports/services.js';
import type { SlackHandlerDeps } from '../slack-handler-deps.js';

/** The question and upload services (shared with Teams: one clause index per process). */
export function slackAskServices(deps: SlackHandlerDeps): Promise<AskServices> {
  return deps.ctx.askServices();
}
