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
 * A message's picture as an Image element with a `data:` URI (Teams cards accept https URLs and
 * data URIs; a data URI needs no public URL for the service). The compact rendering is used when
 * the full one would not fit; when neither fits, a line says the chart was left out.
 */
function imageElements(image: NonNullable<ChatMessage['image']>): CardElement[] {
  const png = [image.pngBase64, image.compactPngBase64].find((b) => b !== undefined && b.length <= TEAMS_IMAGE_MAX_BASE64);
  if (!png) return [{ type: 'TextBlock', text: `(${image.title}: chart left out, too large for a Teams card)`, wrap: true, isSubtle: true, size: 'Small' }];
  return [{ type: 'Image', url: `data:image/png;base64,${png}`, altText: image.alt, size: 'Stretch', spacing: 'Medium' }];
}

/** Renders the neutral message as an Adaptive Card (a plain message gets a one-block card); its picture follows the title. */
export function renderAdaptiveCard(message: ChatMessage, extra: Record<string, unknown> = {}): AdaptiveCard {
  const image = message.image ? imageElements(message.image) : [];
  if (!message.card) return adaptiveCard([{ type: 'TextBlock', text: message.text, wrap: true }, ...image], extra);
  const actions = message.card.actions ?? [];
  const body = cardBody(message.card);
  const head = (message.card.title ? 1 : 0) + (message.card.subtitle ? 1 : 0);
  body.splice(head, 0, ...image);
  return adaptiveCard(body, { ...(actions.length > 0 ? { actions: actions.map(renderAction) } : {}), ...extra });
}

/** The attachment for an outgoing activity. */
export function cardAttachment(card: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}
