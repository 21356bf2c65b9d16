import type { App } from '@slack/bolt';
import { z } from 'zod';
import { PROPOSED_FIELDS } from '../../../../core/domain/term-proposal.js';
import { isAppError } from '../../../../core/errors.js';
import { confirmProposedTerms } from '../../../../core/services/confirm-proposed-terms.js';
import { termsConfirmedMessage } from '../../../../core/views/proposed-terms-message.js';
import { slackAskServices } from '../../ask/slack-ask-services.js';
import { stateValue, ZViewStateValues } from '../../forms/parse-request-form.js';
import { SLACK_VIEWS } from '../../slack-ids.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { replaceOriginal, replyPrivately, type ReplyTo } from '../reply.js';

/** How long the terms form waits for its answer before it is closed and answered by message. */
const TERMS_FORM_ANSWER_MS = 2_000;

const ZMeta = z.object({ proposalId: z.string().min(1), responseUrl: z.string().url().optional() });

/**
 * The correction form: its values are the corrections, and submitting it confirms. A field the
 * core refuses is shown on that field, with the modal kept open.
 */
export function registerTermsEditView(app: App, deps: SlackHandlerDeps): void {
  app.view(SLACK_VIEWS.termsEdit, async ({ ack, body, view }) => {
    let meta: z.infer<typeof ZMeta>;
    try {
      meta = ZMeta.parse(JSON.parse(view.private_metadata || '{}'));
    } catch {
      await ack({ response_action: 'errors', errors: { title: 'This form is out of date; share the file again.' } });
      return;
    }
    const state = ZViewStateValues.safeParse(view.state.values);
    const corrections = Object.fromEntries(PROPOSED_FIELDS.map((f) => [f, (state.success ? stateValue(state.data, f) : undefined) ?? '']));
    const to: ReplyTo = { userId: body.user.id, responseUrl: meta.responseUrl };
    // The form waits for the answer (a refused field is shown on it), but never past Slack's
    // 3 seconds: if confirming takes longer, the form is closed and the outcome sent as a message.
    let closed = false;
    const deadline = setTimeout(() => {
      closed = true;
      ack().catch((err: unknown) => deps.ctx.logger.warn({ err }, 'Slack terms form could not be closed'));
    }, TERMS_FORM_ANSWER_MS);
    const answer = async (response?: { response_action: 'errors'; errors: Record<string, string> }) => {
      clearTimeout(deadline);
      if (!closed) {
        closed = true;
        await ack(response);
        return true;
      }
      return false;
    };
    try {
      const user = await deps.users.resolve(body.user.id, body.team?.id);
      const { contract, confirmedNow } = await confirmProposedTerms((await slackAskServices(deps)).terms, { proposalId: meta.proposalId, user, corrections });
      await answer();
      const done = termsConfirmedMessage(contract, confirmedNow);
      if (meta.responseUrl) await replaceOriginal(deps, meta.responseUrl, done);
      else await replyPrivately(deps, to, done);
    } catch (error) {
      if (!isAppError(error)) {
        deps.ctx.logger.error({ err: error }, 'Slack terms correction failed');
        const text = 'Something went wrong; nothing was saved. Please try again.';
        if (!(await answer({ response_action: 'errors', errors: { title: text } }))) await replyPrivately(deps, to, text);
        return;
      }
      const fields = (error.details?.fields ?? {}) as Record<string, string>;
      const errors = Object.fromEntries(
        Object.entries(fields)
          .map(([k, v]) => [k.split('.')[0]!, v] as const)
          .filter(([k]) => (PROPOSED_FIELDS as readonly string[]).includes(k)),
      );
      const shown = await answer({ response_action: 'errors', errors: Object.keys(errors).length > 0 ? errors : { title: error.message } });
      if (!shown) await replyPrivately(deps, to, `Nothing was confirmed: ${Object.values(errors).join('; ') || error.message}`);
    }
  });
}
