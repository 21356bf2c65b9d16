import type { types } from '@slack/bolt';
import type { CardAction, CardSection, ChatMessage } from '../../../core/views/chat-message.js';
import { escapeMrkdwn, plainText, truncate } from './mrkdwn.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** What chat.postMessage / chat.update take: the fallback text and the blocks. */
export interface SlackMessagePayload {
  text: string;
  blocks: KnownBlock[];
}

const SECTION_TEXT_MAX = 3000;
const FIELD_MAX = 2000;
const FIELDS_PER_SECTION = 10;

function sectionBlocks(section: CardSection): KnownBlock[] {
  switch (section.kind) {
    case 'text': {
      const text = escapeMrkdwn(section.text);
      const blocks: KnownBlock[] = [];
      // A section holds at most 3000 characters; long text becomes several sections.
      for (let i = 0; i < text.length || i === 0; i += SECTION_TEXT_MAX) {
        blocks.push({ type: 'section', text: { type: 'mrkdwn', text: text.slice(i, i + SECTION_TEXT_MAX) || ' ' } });
      }
      return blocks;
    }
    case 'fields': {
      const blocks: KnownBlock[] = [];
      for (let i = 0; i < section.fields.length; i += FIELDS_PER_SECTION) {
        blocks.push({
          type: 'section',
          fields: section.fields.slice(i, i + FIELDS_PER_SECTION).map((f) => ({
            type: 'mrkdwn' as const,
            text: truncate(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, FIELD_MAX),
          })),
        });
      }
      return blocks;
    }
    case 'context':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(escapeMrkdwn(section.text), SECTION_TEXT_MAX) }] }];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/**
 * Slack wants the action ids in one block to be unique; a card may repeat an action (a Mark done
 * button per obligation), so the second and later copies get `~2`, `~3`…, which the click
 * listener (listeners/actions/button-click.ts) matches as the same action.
 */
export const REPEAT_SEPARATOR = '~';

/** A card action as a button; its value is the action's payload as JSON, parsed with zod on click. */
function actionButton(action: CardAction, copy = 1): Button {
  return {
    type: 'button',
    action_id: copy > 1 ? `${action.id}${REPEAT_SEPARATOR}${copy}` : action.id,
    text: plainText(action.label, 75),
    value: JSON.stringify(action.value),
    ...(action.style ? { style: action.style } : {}),
  };
}

/**
 * Renders the neutral ChatMessage as Block Kit. An action that needs input (a rejection reason)
 * is still a plain button: its click handler opens a modal asking for the input.
 */
export function renderBlockKit(message: ChatMessage): SlackMessagePayload {
  const text = truncate(message.text, 3000);
  const card = message.card;
  if (!card) return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) || ' ' } }] };
  const blocks: KnownBlock[] = [];
  if (card.title) blocks.push({ type: 'header', text: plainText(card.title) });
  if (card.subtitle) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(card.subtitle) }] });
  for (const section of card.sections) blocks.push(...sectionBlocks(section));
  if (card.actions?.length) {
    // No block_id: several cards may share one view (App Home), and block ids must be unique there.
    const seen = new Map<string, number>();
    const buttons = card.actions.slice(0, 25).map((action) => {
      const copy = (seen.get(action.id) ?? 0) + 1;
      seen.set(action.id, copy);
      return actionButton(action, copy);
    });
    blocks.push({ type: 'actions', elements: buttons });
  }
  return { text, blocks: blocks.slice(0, 50) };
}
