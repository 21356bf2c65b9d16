import type { PlaygroundMessage, PlaygroundPersona } from '../../../core/ports/playground.js';
import { escapeHtml } from './html.js';
import { formHtml } from './form-html.js';
import { messageHtml } from './message-html.js';

/** A message as the page gets it: who and when, the plain text, and its HTML (rendered now, from the stored neutral message). */
export interface ClientMessage {
  id: string;
  version: number;
  /** `dm` (the reader's own chat with Clause), `approvals` or `renewals`. */
  conversation: string;
  from: { kind: 'clause' | 'persona'; key?: string; name: string };
  time: string;
  text: string;
  html: string;
}

/** The page's name of a stored conversation (a persona sees only their own DM). */
function clientConversation(conversation: string): string {
  return conversation.startsWith('user:') ? 'dm' : conversation;
}

export function clientMessage(m: PlaygroundMessage, personas: readonly PlaygroundPersona[]): ClientMessage {
  const prefix = `m-${m.id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const author = m.from.kind === 'persona' ? m.from.key : undefined;
  const name = author ? (personas.find((p) => p.key === author)?.name ?? author) : 'Clause';
  const { content } = m;
  let text: string;
  let html: string;
  switch (content.kind) {
    case 'typed':
      text = content.text;
      html = `<p class="msg-text msg-typed">${escapeHtml(content.text)}</p>`;
      break;
    case 'message':
      text = content.message.text;
      html = messageHtml(content.message, prefix);
      break;
    case 'form':
      text = content.form.spec.title;
      html = formHtml(content.form, prefix, personas, content.note);
      break;
  }
  return {
    id: m.id,
    version: m.version,
    conversation: clientConversation(m.conversation),
    from: { kind: m.from.kind, ...(author ? { key: author } : {}), name },
    time: m.createdAt.toISOString(),
    text,
    html,
  };
}
