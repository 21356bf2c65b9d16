import type { Actor, InteractionDeps, InteractionResult } from '../../../core/interactions/interaction.js';
import type { FormInputs } from '../../../core/interactions/form.js';
import type { ChatMessage } from '../../../core/views/chat-message.js';
import { slackAskServices } from '../ask/slack-ask-services.js';
import { ZViewStateValues } from '../forms/view-state.js';
import { renderBlockKit } from '../render/block-kit.js';
import { errorsSentence, modalView } from '../render/modal-view.js';
import type { SlackHandlerDeps } from '../slack-handler-deps.js';
import { slackErrorSummary } from '../slack-notifier.js';
import { replaceOriginal, replyPrivately, type ReplyTo } from '../listeners/reply.js';

/** Slack's command word and name in help and error texts. */
export const SLACK_SURFACE = { prefix: '/contract', name: 'Slack' } as const;

/** The interaction handlers' dependencies, from what the Slack listeners are built with (cheap: read per call). */
export function slackInteractionDeps(deps: SlackHandlerDeps): InteractionDeps {
  return {
    // Read per call: tests may wrap the approval engine (which is the contract store too).
    get store() {
      return deps.ctx.approvals;
    },
    get approvals() {
      return deps.ctx.approvals;
    },
    companyName: deps.ctx.env.COMPANY_NAME,
    admins: deps.ctx.env.CLAUSE_ADMINS,
    clock: deps.ctx.clock,
    forms: deps.ctx.forms,
    renewals: async () => deps.ctx,
    ask: () => slackAskServices(deps),
    logger: deps.ctx.logger,
  };
}

/** The Slack user acting; people they pick or mention are Slack user ids. */
export async function slackActor(deps: SlackHandlerDeps, userId: string, teamId?: string): Promise<Actor> {
  const user = await deps.users.resolve(userId, teamId);
  return {
    user,
    person: async (id) => (/^[UW][A-Z0-9]+$/.test(id) ? (id === userId ? user : deps.users.resolve(id, teamId)) : undefined),
  };
}

/** A view submission's values as the neutral inputs: one text per block (a checkbox: "true"/"false"). */
export function viewInputs(raw: unknown): FormInputs | undefined {
  const state = ZViewStateValues.safeParse(raw);
  if (!state.success) return undefined;
  const inputs: FormInputs = {};
  for (const [blockId, actions] of Object.entries(state.data)) {
    const el = actions[blockId] ?? Object.values(actions)[0];
    if (!el) continue;
    if (el.selected_options) {
      inputs[blockId] = el.selected_options.length > 0 ? 'true' : 'false';
      continue;
    }
    const v = el.value ?? el.selected_option?.value ?? el.selected_date ?? el.selected_user ?? undefined;
    if (typeof v === 'string') inputs[blockId] = v;
  }
  return inputs;
}

/** Where a result goes: the interaction's response_url (the card acted on), a trigger id for a modal. */
export interface SlackWhere {
  to: ReplyTo;
  teamId?: string | undefined;
  triggerId?: string | undefined;
  fromHome?: boolean;
  /** The conversation the command was typed in (a picture goes to the person's DM with Clause; no pointer to it when that is here). */
  channelId?: string | undefined;
}

function withNote(message: ChatMessage, note: string): ChatMessage {
  return {
    ...message,
    text: `${message.text} ${note}`,
    ...(message.card ? { card: { ...message.card, sections: [...message.card.sections, { kind: 'context' as const, text: note }] } } : {}),
  };
}

/**
 * A reply's picture (the renewal timeline) cannot ride on an ephemeral reply: it is uploaded into
 * the person's DM with Clause through the notifier's upload (files upload API), and the reply
 * says where it is. A failed upload (no files:write scope…) leaves the reply with a note instead.
 */
async function sharePicture(deps: SlackHandlerDeps, message: ChatMessage, userId: string, here: string | undefined): Promise<ChatMessage> {
  const { image, ...rest } = message;
  if (!image) return message;
  try {
    const dm = await deps.notifier.dmChannel(userId);
    await deps.notifier.uploadImage(dm, image);
    return dm === here ? rest : withNote(rest, `The picture (${image.title}) is in your direct messages with Clause.`);
  } catch (error) {
    const err = slackErrorSummary(error);
    deps.ctx.logger.warn({ err, user: userId, file: image.fileName }, 'Slack picture of a reply could not be shared; the reply goes without it');
    const why =
      err.slackError === 'missing_scope'
        ? ': the Slack app needs the files:write scope'
        : typeof err.slackError === 'string'
          ? `: Slack answered ${err.slackError}`
          : '';
    return withNote(rest, `(${image.title}: the picture could not be shared just now${why}.)`);
  }
}

/** Renders a neutral result in Slack: ephemeral reply, replaced message, modal, DM with the draft. */
export async function showSlackResult(deps: SlackHandlerDeps, result: InteractionResult, where: SlackWhere): Promise<void> {
  const { to } = where;
  switch (result.kind) {
    case 'reply': {
      const message = result.message.image ? await sharePicture(deps, result.message, to.userId, where.channelId) : result.message;
      // Shared cards (approvals) are already updated in place by the core; the clicker gets the note.
      return replyPrivately(deps, result.direct ? { userId: to.userId } : to, message);
    }
    case 'update':
      if (to.responseUrl) return replaceOriginal(deps, to.responseUrl, result.message);
      return replyPrivately(deps, to, result.message);
    case 'form': {
      if (!where.triggerId) return replyPrivately(deps, to, 'This button needs a form Slack did not let Clause open; please click it again.');
      await deps.client.views.open({
        trigger_id: where.triggerId,
        view: modalView(result.form, { ...(to.responseUrl ? { responseUrl: to.responseUrl } : {}), ...(where.fromHome ? { fromHome: true } : {}) }),
      });
      if (result.note) await replyPrivately(deps, to, result.note);
      return;
    }
    case 'errors':
      return replyPrivately(deps, to, `Nothing was changed: ${errorsSentence(result.form, result.errors)}`);
    case 'filed': {
      if (result.repeat) {
        deps.ctx.logger.info({ user: to.userId }, 'contract request form already submitted; not filed again');
        return;
      }
      const channel = await deps.notifier.dmChannel(to.userId);
      await deps.client.chat.postMessage({ channel, ...renderBlockKit(result.message) });
      const draft = result.draft;
      if (!draft) return;
      try {
        const file = await deps.exporter.exportDocx({ ref: draft.ref, title: draft.title, text: draft.text, version: draft.version });
        await deps.client.files.uploadV2({
          channel_id: channel,
          file,
          filename: `${draft.ref} v${draft.version}.docx`,
          title: `${draft.ref} ${draft.title} (draft, version ${draft.version})`,
        });
      } catch (error) {
        // The request went through; only the attachment is missing, so say so rather than fail.
        deps.ctx.logger.warn({ err: slackErrorSummary(error), ref: draft.ref }, 'draft .docx could not be attached in Slack');
        await deps.client.chat
          .postMessage({ channel, text: `(The draft of ${draft.ref} could not be attached just now; \`/contract show ${draft.ref}\` has its details.)` })
          .catch(() => undefined);
      }
      return;
    }
  }
}
