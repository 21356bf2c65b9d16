import type { UserRef } from '../../../core/domain/user-ref.js';
import { ingestContractFile } from '../../../core/services/ingest-contract-file.js';
import { proposedTermsMessage } from '../../../core/views/proposed-terms-message.js';
import { renderBlockKit } from '../render/block-kit.js';
import type { SlackHandlerDeps } from '../slack-handler-deps.js';
import { downloadSlackFile, type SlackSharedFile } from './download-slack-file.js';
import { slackAskServices } from './slack-ask-services.js';

/** A shared contract file → its proposed terms with Confirm / Edit, posted in the user's DM. */
export async function importSlackFile(deps: SlackHandlerDeps, user: UserRef, file: SlackSharedFile, channel: string): Promise<void> {
  const services = await slackAskServices(deps);
  const bytes = await downloadSlackFile(deps.ctx.download, file, deps.ctx.env.SLACK_BOT_TOKEN ?? '', services.terms.maxFileBytes, deps.ctx.env.SLACK_API_URL);
  // The Slack file id makes the proposal id: a retried event finds the same proposal.
  const proposal = await ingestContractFile(services.terms, { user, fileName: file.name, bytes, sourceKey: `slack:${file.id}` });
  await deps.client.chat.postMessage({ channel, ...renderBlockKit(proposedTermsMessage(proposal)) });
}
