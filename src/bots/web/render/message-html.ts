import type { Card, CardAction, CardSection, ChatImage, ChatMessage } from '../../../core/views/chat-message.js';
import { escapeHtml, markdownToHtml } from './html.js';

/**
 * A neutral ChatMessage as accessible HTML: the card's title a heading, fields a description
 * list, buttons real `<button>`s carrying their action id and JSON value, an action that needs
 * text first (a rejection reason) a labelled textarea, a picture an `<img>` with its alt text.
 * Everything from the message is escaped. `idPrefix` keeps element ids unique on the page.
 */
export function messageHtml(message: ChatMessage, idPrefix: string): string {
  const image = message.image ? imageHtml(message.image) : '';
  if (!message.card) return `<p class="msg-text">${markdownToHtml(message.text)}</p>${image}`;
  return `${cardHtml(message.card, idPrefix)}${image}`;
}

function imageHtml(image: ChatImage): string {
  return `<figure class="msg-image"><img src="data:image/png;base64,${escapeHtml(image.pngBase64)}" alt="${escapeHtml(image.alt)}" width="${Number(image.width) || ''}" height="${Number(image.height) || ''}"><figcaption>${escapeHtml(image.title)}</figcaption></figure>`;
}

function sectionHtml(section: CardSection): string {
  switch (section.kind) {
    case 'text':
      return `<p class="card-text">${markdownToHtml(section.text)}</p>`;
    case 'context':
      return `<p class="card-context">${markdownToHtml(section.text)}</p>`;
    case 'divider':
      return '<hr>';
    case 'fields':
      return `<dl class="card-fields">${section.fields
        .map((f) => `<div><dt>${escapeHtml(f.label)}</dt><dd>${markdownToHtml(f.value)}</dd></div>`)
        .join('')}</dl>`;
  }
}

function actionHtml(action: CardAction, idPrefix: string, index: number): string {
  const style = action.style === 'primary' ? ' btn-primary' : action.style === 'danger' ? ' btn-danger' : '';
  const data = `data-action-id="${escapeHtml(action.id)}" data-value="${escapeHtml(JSON.stringify(action.value))}"`;
  if (!action.input) return `<button type="button" class="btn${style}" ${data}>${escapeHtml(action.label)}</button>`;
  // The text comes first: the button opens a small form with a labelled textarea, sent with the click.
  // `novalidate`: an empty required text is Clause's to say (the page's script), as in every form.
  const id = `${idPrefix}-a${index}-${action.input.id}`;
  return `<button type="button" class="btn${style}" data-opens="${id}-form" aria-expanded="false" aria-controls="${id}-form">${escapeHtml(action.label)}…</button>
<form class="action-form" id="${id}-form" ${data} data-input-id="${escapeHtml(action.input.id)}" novalidate hidden>
<label for="${id}">${escapeHtml(action.input.label)}${action.input.required ? ' <span class="req">(required)</span>' : ''}</label>
<textarea id="${id}" name="${escapeHtml(action.input.id)}" rows="2"${action.input.required ? ' required aria-required="true"' : ''}${action.input.placeholder ? ` placeholder="${escapeHtml(action.input.placeholder)}"` : ''}></textarea>
<button type="submit" class="btn${style}">${escapeHtml(action.label)}</button>
</form>`;
}

function cardHtml(card: Card, idPrefix: string): string {
  const title = card.title ? `<h3 class="card-title">${escapeHtml(card.title)}</h3>` : '';
  const subtitle = card.subtitle ? `<p class="card-subtitle">${markdownToHtml(card.subtitle)}</p>` : '';
  const actions = card.actions?.length
    ? `<div class="card-actions" role="group" aria-label="Actions">${card.actions.map((a, i) => actionHtml(a, idPrefix, i)).join('')}</div>`
    : '';
  return `<section class="card">${title}${subtitle}${card.sections.map(sectionHtml).join('')}${actions}</section>`;
}
