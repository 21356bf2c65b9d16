import { parseCommand, type ParsedCommand } from '../../../../core/interactions/commands.js';

/**
 * The command is escaped (manifest `should_escape`): mentions come as `<@U123|rita>`, channels as
 * `<#C123|deals>`, links as `<https://…|label>`, and `&`, `<`, `>` as entities. People read (and
 * the question parser expects) the plain words.
 */
export function unescapeSlackText(text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `@${name || id}`)
    .replace(/<#(C[A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `#${name || id}`)
    .replace(/<!([a-z]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>/g, (_m, url: string, label?: string) => label || url)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * `/contract <text>` as the neutral grammar reads it: plain text, and the first mentioned person
 * of an `obligation` (its owner) taken out as a Slack user id. The grammar is core/interactions/commands.ts.
 */
export function decodeSlackCommandText(escaped: string): { text: string; mentionedId?: string } {
  if (/^\s*obligation\s/i.test(escaped)) {
    const m = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/.exec(escaped);
    if (m) return { text: unescapeSlackText(`${escaped.slice(0, m.index)} ${escaped.slice(m.index + m[0].length)}`), mentionedId: m[1]! };
  }
  return { text: unescapeSlackText(escaped) };
}

/** `/contract <escaped text>` through the one grammar (kept for callers that hold the raw Slack text). */
export function parseContractCommand(escaped: string): ParsedCommand {
  const { text, mentionedId } = decodeSlackCommandText(escaped);
  return parseCommand(text, { prefix: '/contract', ...(mentionedId ? { mentionedId } : {}) });
}
