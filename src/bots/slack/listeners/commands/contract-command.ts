import type { App } from '@slack/bolt';
import { renewalServicesFor } from '../../slack-handler-deps.js';
import { STATUS_LABELS } from '../../../../core/domain/contract.js';
import { renewalsForViewer } from '../../../../core/services/renewals-for-viewer.js';
import { isAppError } from '../../../../core/errors.js';
import { getTemplate } from '../../../../core/templates/registry.js';
import { findContract, getAuditTrail } from '../../clause-services.js';
import { requestModalView } from '../../forms/request-modal.js';
import { contractLine } from '../../../../core/views/contract-views.js';
import { showContract } from '../../../../core/services/show-contract.js';
import { listObligations } from '../../../../core/services/list-obligations.js';
import { recordObligation } from '../../../../core/services/record-obligation.js';
import { todayFor } from '../../../../core/services/today-for.js';
import { SLACK_COMMANDS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { replyPrivately, runForUser, type ReplyTo } from '../reply.js';
import { answerForSlack } from '../../ask/answer-in-slack.js';
import { HELP_TEXT, parseContractCommand, type ContractCommand } from './parse-contract-command.js';

const IMPORT_HOW =
  'Send me the contract file (PDF, DOCX or text) in this DM with Clause: drag it into the message box. I will read its key terms and show them, with the sentences they come from, for you to confirm or correct.';

/** `/contract …`: acknowledged at once; everything that reads the database happens after. */
export function registerContractCommand(app: App, deps: SlackHandlerDeps): void {
  app.command(SLACK_COMMANDS.contract, async ({ command, ack }) => {
    await ack();
    const to: ReplyTo = { userId: command.user_id, responseUrl: command.response_url };
    const parsed = parseContractCommand(command.text);
    if (!parsed.ok) {
      await replyPrivately(deps, to, parsed.problem ? `${parsed.problem}\n\n${HELP_TEXT}` : HELP_TEXT);
      return;
    }
    await runForUser(deps, to, `run /contract ${parsed.command.kind}`, () => handle(deps, parsed.command, command, to));
  });
}

async function handle(
  deps: SlackHandlerDeps,
  cmd: ContractCommand,
  command: { user_id: string; team_id: string; trigger_id: string; channel_id: string },
  to: ReplyTo,
): Promise<void> {
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
      // The trigger id expires three seconds after the command: open the modal before anything slow.
      await deps.client.views.open({
        trigger_id: command.trigger_id,
        view: requestModalView({ requesterId: command.user_id, ...(templateId ? { templateId } : {}), channelId: command.channel_id }),
      });
      if (note) await replyPrivately(deps, to, note);
      return;
    }
    case 'list': {
      const user = await deps.users.resolve(command.user_id, command.team_id);
      const contracts = await deps.ctx.approvals.contracts.list({
        involving: user,
        ...(cmd.status ? { statuses: [cmd.status] } : {}),
        sort: 'newest',
        limit: 25,
      });
      const scope = cmd.status ? ` that are ${STATUS_LABELS[cmd.status].toLowerCase()}` : '';
      if (contracts.length === 0) {
        await replyPrivately(deps, to, `You have no contracts${scope}. Start one with \`/contract new\`.`);
        return;
      }
      const lines = contracts.map((c) => `• ${contractLine(c)}`).join('\n');
      await replyPrivately(deps, to, { text: `Your contracts${scope}:\n${lines}`, card: { title: `Your contracts${scope}`, sections: [{ kind: 'text', text: lines }] } });
      return;
    }
    case 'show': {
      const viewer = await deps.users.resolve(command.user_id, command.team_id);
      await replyPrivately(deps, to, await showContract({ ...deps.ctx.approvals, admins: deps.ctx.env.CLAUSE_ADMINS }, { ref: cmd.ref, viewer }));
      return;
    }
    case 'renewals': {
      const user = await deps.users.resolve(command.user_id, command.team_id);
      const services = await renewalServicesFor(deps.ctx);
      const today = await todayFor(services.renewals, user);
      await replyPrivately(deps, to, await renewalsForViewer({ renewals: services.renewals.renewals, policy: deps.ctx.approvals.policy }, { user, days: cmd.days, today }));
      return;
    }
    case 'obligation':
    case 'obligations': {
      const user = await deps.users.resolve(command.user_id, command.team_id);
      const services = await renewalServicesFor(deps.ctx);
      const obligationDeps = { ...services.obligations, admins: deps.ctx.env.CLAUSE_ADMINS };
      if (cmd.kind === 'obligations') {
        await replyPrivately(deps, to, await listObligations(obligationDeps, { ref: cmd.ref, viewer: user }));
        return;
      }
      const owner = cmd.ownerId ? await deps.users.resolve(cmd.ownerId, command.team_id) : undefined;
      await replyPrivately(deps, to, await recordObligation(obligationDeps, { text: cmd.text, actor: user, ...(owner ? { owner } : {}) }));
      return;
    }
    case 'ask': {
      const user = await deps.users.resolve(command.user_id, command.team_id);
      await replyPrivately(deps, to, await answerForSlack(deps, user, cmd.question));
      return;
    }
    case 'import':
      // Slash commands carry no files: the file comes as a DM, which the message listener imports.
      await replyPrivately(deps, { userId: command.user_id }, IMPORT_HOW);
      return;
    case 'help':
      await replyPrivately(deps, to, HELP_TEXT);
      return;
  }
}
