import type { App } from '@slack/bolt';
import { z } from 'zod';
import { FORM_IDS, parseForm, type FormId } from '../../../../core/interactions/forms.js';
import { submitForm } from '../../../../core/interactions/submit-form.js';
import type { InteractionResult } from '../../../../core/interactions/interaction.js';
import { callbackIdOf, modalErrors } from '../../render/modal-view.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { showSlackResult, slackActor, slackInteractionDeps, viewInputs } from '../../interactions/slack-interactions.js';
import { publishHome } from '../events/publish-home.js';
import { replyPrivately, runForUser, type ReplyTo } from '../reply.js';

const ZMetadata = z.object({
  context: z.record(z.string(), z.string()).default({}),
  responseUrl: z.url().optional(),
  fromHome: z.boolean().optional(),
});

function metadata(raw: string | undefined): z.infer<typeof ZMetadata> {
  try {
    const parsed = ZMetadata.safeParse(JSON.parse(raw || '{}'));
    return parsed.success ? parsed.data : { context: {} };
  } catch {
    return { context: {} };
  }
}

/**
 * Forms whose submit waits for the core's answer, so a refused field is shown on the modal (the
 * terms correction: the core reads the proposal to check it). Never past Slack's three seconds.
 */
const ANSWER_ON_MODAL: ReadonlySet<FormId> = new Set([FORM_IDS.termsEdit]);
const MODAL_ANSWER_MS = 2_000;

/**
 * A modal's submit: the values are checked with the form's schema before the acknowledgement,
 * so a bad value is shown under its input and nothing is stored; then the core's handler runs
 * and its result is shown (the message the button sat on replaced, a DM, an ephemeral note).
 */
export function onFormSubmission(app: App, deps: SlackHandlerDeps, formId: FormId): void {
  app.view(callbackIdOf(formId), async ({ ack, body, view }) => {
    const inputs = viewInputs(view.state.values);
    const blockIds = Object.keys((view.state.values ?? {}) as Record<string, unknown>);
    if (!inputs) {
      await ack({ response_action: 'errors', errors: modalErrors({ _: 'The form could not be read; please open it again.' }, blockIds) });
      return;
    }
    const checked = parseForm(formId, inputs, deps.ctx.clock.now());
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: modalErrors(checked.errors, blockIds) });
      return;
    }
    const meta = metadata(view.private_metadata);
    const to: ReplyTo = { userId: body.user.id, responseUrl: meta.responseUrl };
    const where = { to, teamId: body.team?.id, fromHome: meta.fromHome ?? false };
    const submit = async (): Promise<InteractionResult> =>
      submitForm(slackInteractionDeps(deps), await slackActor(deps, body.user.id, body.team?.id), {
        formId,
        context: meta.context,
        inputs,
        submissionKey: formId === FORM_IDS.request ? `slack-view:${body.view.id}` : undefined,
      });

    if (ANSWER_ON_MODAL.has(formId)) {
      let closed = false;
      const deadline = setTimeout(() => {
        closed = true;
        ack().catch((err: unknown) => deps.ctx.logger.warn({ err }, 'Slack form could not be closed'));
      }, MODAL_ANSWER_MS);
      try {
        const result = await submit();
        clearTimeout(deadline);
        if (!closed && result.kind === 'errors') {
          closed = true;
          await ack({ response_action: 'errors', errors: modalErrors(result.errors, blockIds) });
          return;
        }
        if (!closed) {
          closed = true;
          await ack();
        }
        await showSlackResult(deps, result, where);
      } catch (error) {
        clearTimeout(deadline);
        deps.ctx.logger.error({ err: error }, `Slack ${formId} submission failed`);
        const text = 'Something went wrong; nothing was saved. Please try again.';
        if (!closed) {
          closed = true;
          await ack({ response_action: 'errors', errors: modalErrors({ _: text }, blockIds) });
        } else await replyPrivately(deps, to, text);
      }
      return;
    }

    await ack();
    await runForUser(deps, to, `submit the ${formId} form`, async () => showSlackResult(deps, await submit(), where));
    if (meta.fromHome) await publishHome(deps, body.user.id, body.team?.id);
  });
}
