import type { Card, CardAction, CardSection, ChatMessage } from '../../core/views/chat-message.js';

/** An Adaptive Card as JSON. Teams renders schema 1.5 on desktop, web and mobile. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string; body: unknown[] };
export type CardElement = Record<string, unknown>;

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function adaptiveCard(body: CardElement[], extra: Record<string, unknown> = {}): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...extra };
}

function sectionElements(section: CardSection): CardElement[] {
  switch (section.kind) {
    case 'text':
      return [{ type: 'TextBlock', text: section.text, wrap: true }];
    case 'fields':
      return [{ type: 'FactSet', facts: section.fields.map((f) => ({ title: f.label, value: f.value })) }];
    case 'context':
      return [{ type: 'TextBlock', text: section.text, wrap: true, isSubtle: true, size: 'Small' }];
    case 'divider':
      return [{ type: 'TextBlock', text: ' ', separator: true, spacing: 'Medium' }];
  }
}

/**
 * A button becomes a Universal Action (Action.Execute, verb = action id). One that needs text
 * first (a rejection reason) opens a small card with a required input, so the other buttons
 * are never blocked by it.
 */
function renderAction(action: CardAction): CardElement {
  const execute: CardElement = {
    type: 'Action.Execute',
    title: action.label,
    verb: action.id,
    data: { ...action.value },
    ...(action.style === 'primary' ? { style: 'positive' } : action.style === 'danger' ? { style: 'destructive' } : {}),
  };
  if (!action.input) return { ...execute, associatedInputs: 'none' };
  const input = action.input;
  return {
    type: 'Action.ShowCard',
    title: `${action.label}…`,
    card: adaptiveCard(
      [
        {
          type: 'Input.Text',
          id: input.id,
          label: input.label,
          isMultiline: true,
          isRequired: input.required,
          ...(input.required ? { errorMessage: `${input.label} is required` } : {}),
          ...(input.placeholder ? { placeholder: input.placeholder } : {}),
        },
      ],
      { actions: [{ ...execute, associatedInputs: 'auto' }] },
    ),
  };
}

function cardBody(card: Card): CardElement[] {
  return [
    ...(card.title ? [{ type: 'TextBlock', text: card.title, weight: 'Bolder', size: 'Medium', wrap: true }] : []),
    ...(card.subtitle ? [{ type: 'TextBlock', text: card.subtitle, isSubtle: true, spacing: 'None', wrap: true }] : []),
    ...card.sections.flatMap(sectionElements),
  ];
}

/**
 * The most base64 characters a picture may take in a card. Teams refuses or silently drops a
 * message over about 28 KB (card JSON included; Microsoft's figure for bot messages, see README
 * "Charts"), and the digest's list takes up to ~6 KB of it.
 */
export const TEAMS_IMAGE_MAX_BASE64 = 20_000;

/**
 * The most characters a card with a picture may take as JSON: the ~28 KB of a Teams message less
 * room for the activity around the card (its summary text, addresses). A long card (a renewals
 * list of 40 lines) leaves less room for the picture than TEAMS_IMAGE_MAX_BASE64.
 */
const TEAMS_CARD_MAX_CHARS = 26_000;

/**
 * A message's picture as an Image element with a `data:` URI (Teams cards accept https URLs and
 * data URIs; a data URI needs no public URL for the service). The compact rendering is used when
 * the full one would not fit in `room` characters; when neither fits, a line says the chart was
 * left out (the message itself always goes).
 */
function imageElements(image: NonNullable<ChatMessage['image']>, room: number): CardElement[] {
  const fits = Math.min(TEAMS_IMAGE_MAX_BASE64, room);
  const png = [image.pngBase64, image.compactPngBase64].find((b) => b !== undefined && b.length <= fits);
  if (!png) return [{ type: 'TextBlock', text: `(${image.title}: chart left out, too large for a Teams card)`, wrap: true, isSubtle: true, size: 'Small' }];
  return [{ type: 'Image', url: `data:image/png;base64,${png}`, altText: image.alt, size: 'Stretch', spacing: 'Medium' }];
}

/** Renders the neutral message as an Adaptive Card (a plain message gets a one-block card); its picture follows the title. */
export function renderAdaptiveCard(message: ChatMessage, extra: Record<string, unknown> = {}): AdaptiveCard {
  const actions = message.card ? (message.card.actions ?? []) : [];
  const body = message.card ? cardBody(message.card) : [{ type: 'TextBlock', text: message.text, wrap: true }];
  const card = adaptiveCard(body, { ...(actions.length > 0 ? { actions: actions.map(renderAction) } : {}), ...extra });
  if (!message.image) return card;
  // What the card takes without its picture, and the Image element's own keys and alt text.
  const room = TEAMS_CARD_MAX_CHARS - JSON.stringify(card).length - JSON.stringify(message.image.alt).length - 120;
  const head = message.card ? (message.card.title ? 1 : 0) + (message.card.subtitle ? 1 : 0) : 1;
  body.splice(head, 0, ...imageElements(message.image, room));
  return card;
}

/** The attachment for an outgoing activity. */
export function cardAttachment(card: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}
