import type { TurnContext } from 'botbuilder';
import { ingestContractFile } from '../../../core/services/ingest-contract-file.js';
import type { ChatMessage } from '../../../core/views/chat-message.js';
import { proposedTermsMessage } from '../../../core/views/proposed-terms-message.js';
import { isAppError } from '../../../core/errors.js';
import { actingUser } from '../acting-user.js';
import { cardAttachment, renderAdaptiveCard } from '../adaptive-card.js';
import type { TeamsBotDeps } from '../teams-bot-deps.js';
import type { TeamsFile } from './teams-file-attachments.js';

async function send(context: TurnContext, message: ChatMessage): Promise<void> {
  await context.sendActivity({ summary: message.text, attachments: [cardAttachment(renderAdaptiveCard(message))] });
}

function unavailable(): ChatMessage {
  return { text: 'Questions and contract uploads are not available on this server.' };
}

/** Attached contract files → proposed terms (Confirm / Edit), one card per file. */
export async function importTeamsFiles(context: TurnContext, deps: TeamsBotDeps, files: readonly TeamsFile[]): Promise<void> {
  if (!deps.ask) return send(context, unavailable());
  const user = await actingUser(context, deps);
  if (!user) return send(context, { text: 'I could not tell who you are, so I cannot import the file.' });
  const services = await deps.ask();
  for (const [i, file] of files.entries()) {
    try {
      // Teams' downloadUrl is pre-authorised and short-lived: no token goes to a URL a message supplied.
      const bytes = await deps.download(file.url, { fileName: file.name, maxBytes: services.terms.maxFileBytes });
      // The message id makes the proposal id: a redelivered activity finds the same proposal.
      const sourceKey = `teams:${context.activity.conversation?.id ?? ''}:${context.activity.id ?? file.url}:${i}`;
      const proposal = await ingestContractFile(services.terms, { user, fileName: file.name, bytes, sourceKey });
      await send(context, proposedTermsMessage(proposal));
    } catch (error) {
      if (!isAppError(error)) throw error;
      await send(context, { text: error.message });
    }
  }
}
