import { STATUS_LABELS } from '../domain/contract.js';
import { isAppError } from '../errors.js';
import { answerQuestion } from '../services/answer-question.js';
import { listObligations } from '../services/list-obligations.js';
import { recordObligation } from '../services/record-obligation.js';
import { renewalsForViewer } from '../services/renewals-for-viewer.js';
import { showContract } from '../services/show-contract.js';
import { todayFor } from '../services/today-for.js';
import { getTemplate } from '../templates/registry.js';
import { answerMessage } from '../views/answer-message.js';
import { contractLine } from '../views/contract-views.js';
import { helpMessage, parseCommand, type Command } from './commands.js';
import { reply, type Actor, type CommandSurface, type InteractionDeps, type InteractionResult } from './interaction.js';
import { requestForm } from './request-form.js';

const IMPORT_HOW =
  'Send me the contract file (PDF, DOCX or text) in a direct message with Clause: attach it or drag it into the message box. I will read its key terms and show them, with the sentences they come from, for you to confirm or correct.';

/** A command typed on any platform: parsed by the one grammar, then answered. */
export async function runCommandText(
  deps: InteractionDeps,
  actor: Actor,
  surface: CommandSurface,
  text: string,
  options: { mentionedId?: string; mentionedName?: string } = {},
): Promise<InteractionResult> {
  const parsed = parseCommand(text, { prefix: surface.prefix, ...options });
  if (!parsed.ok) return { kind: 'reply', message: helpMessage(surface.prefix, surface.name, parsed.problem) };
  return runCommand(deps, actor, surface, parsed.command);
}

/** One parsed command. A refusal of the core (an AppError) is the answer; anything else is thrown. */
async function runCommand(deps: InteractionDeps, actor: Actor, surface: CommandSurface, cmd: Command): Promise<InteractionResult> {
  try {
    return await answer(deps, actor, surface, cmd);
  } catch (error) {
    if (isAppError(error)) return reply(error.message);
    throw error;
  }
}

async function answer(deps: InteractionDeps, actor: Actor, surface: CommandSurface, cmd: Command): Promise<InteractionResult> {
  const user = actor.user;
  switch (cmd.kind) {
    case 'new': {
      let templateId: string | undefined;
      let note: string | undefined;
      if (cmd.type) {
        try {
          templateId = getTemplate(cmd.type).id;
        } catch (error) {
          if (!isAppError(error)) throw error;
          note = `${error.message} Pick one in the form.`;
        }
      }
      return { kind: 'form', form: requestForm({ requesterId: user.id, ...(templateId ? { templateId } : {}) }), ...(note ? { note } : {}) };
    }
    case 'list': {
      const contracts = await deps.store.contracts.list({ involving: user, ...(cmd.status ? { statuses: [cmd.status] } : {}), sort: 'newest', limit: 25 });
      const scope = cmd.status ? ` that are ${STATUS_LABELS[cmd.status].toLowerCase()}` : '';
      if (contracts.length === 0) return reply(`You have no contracts${scope}. Start one with "${surface.prefix} new".`);
      const lines = contracts.map((c) => `• ${contractLine(c)}`).join('\n');
      return {
        kind: 'reply',
        message: { text: `Your contracts${scope}:\n${lines}`, card: { title: `Your contracts${scope}`, sections: [{ kind: 'text', text: lines }] } },
      };
    }
    case 'show': {
      if (!deps.approvals) return reply('Approvals are not configured, so contracts cannot be shown yet.');
      return { kind: 'reply', message: await showContract({ ...deps.approvals, admins: deps.admins }, { ref: cmd.ref, viewer: user }) };
    }
    case 'renewals': {
      if (!deps.renewals || !deps.approvals) return reply('Renewals are not available on this server.');
      const services = await deps.renewals();
      const today = await todayFor(services.renewals, user);
      return {
        kind: 'reply',
        message: await renewalsForViewer(
          { renewals: services.renewals.renewals, policy: deps.approvals.policy, charts: services.renewals.charts, logger: deps.logger },
          { user, days: cmd.days, today },
        ),
      };
    }
    case 'obligations': {
      if (!deps.renewals) return reply('Obligations are not available on this server.');
      const services = await deps.renewals();
      return { kind: 'reply', message: await listObligations({ ...services.obligations, admins: deps.admins }, { ref: cmd.ref, viewer: user }) };
    }
    case 'obligation': {
      if (!deps.renewals) return reply('Obligations are not available on this server.');
      const services = await deps.renewals();
      const owner = cmd.ownerId ? await actor.person(cmd.ownerId) : undefined;
      if (cmd.ownerId && !owner)
        return reply(`I don't know ${cmd.ownerName ?? 'that person'} in ${surface.name} yet: they need to open a chat with Clause once. Nothing was recorded.`);
      return {
        kind: 'reply',
        message: await recordObligation({ ...services.obligations, admins: deps.admins }, { text: cmd.text, actor: user, ...(owner ? { owner } : {}) }),
      };
    }
    case 'ask':
      return { kind: 'reply', message: await askQuestion(deps, actor, cmd.question) };
    case 'import':
      return { kind: 'reply', message: { text: IMPORT_HOW }, direct: true };
    case 'help':
      return { kind: 'reply', message: helpMessage(surface.prefix, surface.name) };
  }
}

/** Ask Clause: answered only from the contracts the asker may see (a command, a DM or a mention). */
export async function askQuestion(deps: InteractionDeps, actor: Actor, question: string) {
  if (!deps.ask) return { text: 'Questions and contract uploads are not available on this server.' };
  const services = await deps.ask();
  return answerMessage(await answerQuestion(services.ask, { user: actor.user, question }));
}
