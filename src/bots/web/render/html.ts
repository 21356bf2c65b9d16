/** HTML escaping and the small Slack-style markdown the neutral messages use (*bold*, _italic_, `code`, links). */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: every markup character escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A link's address, if it is a web address (anything else is shown as text). */
function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Emphasis on already-escaped text (the markers are not markup characters, so this stays safe). */
function emphasis(escaped: string): string {
  return escaped
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,;:!?])/g, '$1<strong>$2</strong>')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,;:!?])/g, '$1<em>$2</em>');
}

const LINK = /<((?:https?|mailto):[^|>\s]+)(?:\|([^>]+))?>|\b(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)])/g;

/** Slack-ish markdown to HTML: escaped text, emphasis, links (`<url|label>` or bare); line breaks kept. */
export function markdownToHtml(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    out += emphasis(escapeHtml(text.slice(last, m.index)));
    const url = m[1] ?? m[3]!;
    const label = m[2] ?? url;
    const href = safeHref(url);
    out += href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank">${escapeHtml(label)}</a>` : escapeHtml(m[0]);
    last = m.index + m[0].length;
  }
  out += emphasis(escapeHtml(text.slice(last)));
  return out.replace(/\n/g, '<br>');
}
