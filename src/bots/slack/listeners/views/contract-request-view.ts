import type { App } from '@slack/bolt';
import { latestVersion } from '../../../../core/domain/contract.js';
import { requestContract } from '../../clause-services.js';
import { parseRequestForm } from '../../forms/parse-request-form.js';
import { renderBlockKit } from '../../render/block-kit.js';
import { submittedMessage } from '../../../../core/views/contract-views.js';
import { SLACK_VIEWS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { slackErrorSummary } from '../../slack-notifier.js';
import { runForUser } from '../reply.js';
import type { FormSubmissions } from '../../../../core/ports/form-submissions.js';

/**
 * The request modal's submit. Every field is checked before the acknowledgement, so a bad value
 * is shown under its input and nothing is stored; a valid request is acknowledged (the modal
 * closes) and then drafted, routed for approval, and confirmed to the requester by DM with the
 * draft attached.
 */
export function registerContractRequestView(app: App, deps: SlackHandlerDeps): void {
  // One contract per modal: the view id is claimed (an insert) before anything is filed.
  let submissions: FormSubmissions | undefined;
  app.view(SLACK_VIEWS.request, async ({ ack, body, view }) => {
    const parsed = parseRequestForm(view.state.values);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack();
    const userId = body.user.id;
    const teamId = body.team?.id;
    await runForUser(deps, { userId }, 'submit your contract request', async () => {
      submissions ??= deps.ctx.forms;
      if (!(await submissions.claim(`slack-view:${body.view.id}`))) {
        deps.ctx.logger.info({ user: userId, viewId: body.view.id }, 'contract request form already submitted; not filed again');
        return;
      }
      const { request } = parsed;
      const requester = await deps.users.resolve(userId, teamId);
      const owner = request.ownerId === userId ? requester : await deps.users.resolve(request.ownerId, teamId);
      const { contract, round } = await requestContract(
        { ...deps.ctx.approvals, companyName: deps.ctx.env.COMPANY_NAME },
        { terms: request.terms, templateId: request.templateId, owner, requester, ...(request.notes ? { notes: request.notes } : {}) },
      );
      const channel = await deps.notifier.dmChannel(userId);
      await deps.client.chat.postMessage({ channel, ...renderBlockKit(submittedMessage(contract, round)) });
      const version = latestVersion(contract);
      if (!version) return;
      try {
        const file = await deps.exporter.exportDocx({ ref: contract.ref, title: contract.title, text: version.text, version: version.number });
        await deps.client.files.uploadV2({
          channel_id: channel,
          file,
          filename: `${contract.ref} v${version.number}.docx`,
          title: `${contract.ref} ${contract.title} (draft, version ${version.number})`,
        });
      } catch (error) {
        // The request went through; only the attachment is missing, so say so rather than fail.
        deps.ctx.logger.warn({ err: slackErrorSummary(error), ref: contract.ref }, 'draft .docx could not be attached in Slack');
        await deps.client.chat.postMessage({ channel, text: `(The draft of ${contract.ref} could not be attached just now; \`/contract show ${contract.ref}\` has its details.)` }).catch(() => undefined);
      }
    });
  });
}
