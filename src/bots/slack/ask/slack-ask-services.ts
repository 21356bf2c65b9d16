import { askServices, type AskServices } from '../../../app/ask-services.js';
import type { SlackHandlerDeps } from '../slack-handler-deps.js';

/** The question and upload services (shared with Teams: one clause index per process). */
export function slackAskServices(deps: SlackHandlerDeps): Promise<AskServices> {
  const { env, logger, clock, connection, store } = deps.ctx;
  return askServices({ env, logger, clock, connection, store });
}
