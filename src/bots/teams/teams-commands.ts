import { COMMANDS, parseCommand, type Command } from '../../core/interactions/commands.js';

/**
 * The Teams command menu: the core grammar's commands (core/interactions/commands.ts), as
 * `contract <command>` (bare `help` for help). The manifest's commandLists are checked against
 * this by a test, so the menu and the grammar cannot drift.
 */
export const TEAMS_COMMANDS = COMMANDS.map((c) => ({ title: c.kind === 'help' ? 'help' : `contract ${c.kind}`, description: c.summary }));

/** Removes `<at>Clause</at>` mentions and HTML that Teams leaves in channel messages. */
function cleanMessageText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A message as the grammar reads it: plain text, without the leading `contract` word. */
export function commandTextOf(message: string): string {
  return cleanMessageText(message).replace(/^contracts?\b\s*/i, '');
}

/** A message through the one grammar; anything not understood is `help`, with what was wrong. */
export function parseTeamsCommand(text: string): { command: Command; problem?: string } {
  const parsed = parseCommand(commandTextOf(text), { prefix: 'contract' });
  return parsed.ok ? { command: parsed.command } : { command: { kind: 'help' }, problem: parsed.problem };
}
