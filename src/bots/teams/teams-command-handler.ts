import type { TurnContext } from 'botbuilder';
import type { ContractStatus } from '../../core/domain/contract.js';
import { isAppError } from '../../core/errors.js';
import { findContract } from '../../core/services/find-contract.js';
import { renewalsForViewer } from '../../core/services/renewals-for-viewer.js';
import { listObligations } from '../../core/services/list-obligations.js';
import { recordObligation } from '../../core/services/record-obligation.js';
import { todayFor } from '../../core/services/today-for.js';
import type { UserRef } from '../../core/domain/user-ref.js';
import type { ChatMessage } from '../../core/views/chat-message.js';
import { cardAttachment, renderAdaptiveCard, type AdaptiveCard } from './adaptive-card.js';
import { requestFormCard } from './request-form.js';
import type { TeamsBotDeps } from './teams-bot-deps.js';
import { cleanMessageText, parseTeamsCommand } from './teams-commands.js';
import { answerInTeams } from './ask/teams-ask.js';

const QUESTION_START = /^(what|which|who|whose|when|where|why|how|can|could|does|do|is|are|will|should|may|list|show me|tell me)\b/i;

/** "what is the notice period in the Acme MSA?", not a mistyped command. */
function looksLikeQuestion(text: string): boolean {
  return text.length >= 8 && !/^contracts?\b/i.test(text) && (text.endsWith('?') || QUESTION_START.test(text));
}
import { mentionedPeople, teamsUserRef } from './teams-identity.js';
import { comingSoonMessage, contractListMessage, helpMessage } from './teams-views.js';
import { showContract } from '../../core/services/show-contract.js';

const OPEN_STATUSES: readonly ContractStatus[] = ['draft', 'in_review', 'approved', 'rejected', 'sent_for_signature', 'active'];

async function reply(context: TurnContext, message: ChatMessage | AdaptiveCard): Promise<void> {
  if ('type' in message) {
    await context.sendActivity({ attachments: [cardAttachment(message)] });
  } else if (message.card) {
    await context.sendActivity({ summary: message.text, attachments: [cardAttachment(renderAdaptiveCard(message))] });
  } else {
    await context.sendActivity(message.text);
  }
}

/** A text command, in a personal chat, a group chat or a channel (after the @mention is removed). */
export async function runCommand(context: TurnContext, deps: TeamsBotDeps, text: string): Promise<void> {
  const { command, problem } = parseTeamsCommand(text);
  const user = teamsUserRef(context.activity);
  try {
    switch (command.kind) {
      case 'new':
        return await reply(context, requestFormCard());
      case 'list': {
        if (!user) return await reply(context, { text: 'I could not tell who you are, so I cannot list your contracts.' });
        const contracts = await deps.store.contracts.list({ involving: user, statuses: OPEN_STATUSES, sort: 'newest', limit: 20 });
        return await reply(context, contractListMessage(contracts));
      }
      case 'show': {
        if (!user) return await reply(context, { text: 'I could not tell who you are, so I cannot show contracts.' });
        if (!deps.approvals) return await reply(context, { text: 'Approvals are not configured, so contracts cannot be shown yet.' });
        return await reply(context, await showContract({ ...deps.approvals, admins: deps.env.CLAUSE_ADMINS }, { ref: command.ref, viewer: user }));
      }
      case 'renewals': {
        if (!deps.renewals || !deps.approvals || !user) return await reply(context, comingSoonMessage(`Renewals in the next ${command.days} days`));
        const services = await deps.renewals();
        const today = await todayFor(services.renewals, user);
        return await reply(context, await renewalsForViewer({ renewals: services.renewals.renewals, policy: deps.approvals.policy }, { user, days: command.days, today }));
      }
      case 'obligation':
      case 'obligations': {
        if (!deps.renewals || !user) return await reply(context, { text: 'Obligations are not available here.' });
        const services = await deps.renewals();
        const obligationDeps = { ...services.obligations, admins: deps.env.CLAUSE_ADMINS };
        if (command.kind === 'obligations') return await reply(context, await listObligations(obligationDeps, { ref: command.ref, viewer: user }));
        // An @mentioned colleague owns it (found by the Teams id their own activities stored); else the recorder.
        const [mentioned] = mentionedPeople(context.activity);
        let owner: UserRef | undefined;
        if (mentioned) {
          const aad = await deps.references.aadIdOfTeamsUser(mentioned.id);
          if (!aad) {
            return await reply(context, { text: `I don't know ${mentioned.name ?? 'that person'} in Teams yet: they need to open a chat with Clause once. Nothing was recorded.` });
          }
          owner = { platform: 'teams', id: aad, ...(user.tenantId ? { tenantId: user.tenantId } : {}), ...(mentioned.name ? { displayName: mentioned.name } : {}) };
        }
        return await reply(context, await recordObligation(obligationDeps, { text: command.text, actor: user, ...(owner ? { owner } : {}) }));
      }
      case 'ask':
        return await answerInTeams(context, deps, command.question);
      case 'import':
        return await reply(context, {
          text: 'Attach the contract file (PDF, DOCX or text) to a message in your personal chat with Clause. I will read its key terms and show them, with the sentences they come from, for you to confirm or correct.',
        });
      case 'help': {
        // In a personal chat or an @mention, a question in plain words is asked, not refused.
        const question = cleanMessageText(text);
        if (problem && looksLikeQuestion(question)) return await answerInTeams(context, deps, question);
        return await reply(context, helpMessage(problem));
      }
    }
  } catch (error) {
    if (!isAppError(error)) throw error;
    await reply(context, { text: error.message });
  }
}
