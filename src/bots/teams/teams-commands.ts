import { z } from 'zod';

/**
 * The text commands the bot answers. The manifest's commandLists are checked against
 * TEAMS_COMMANDS by a test, so the two cannot drift.
 */
export const TEAMS_COMMANDS = [
  { title: 'contract new', description: 'Request a new contract (opens a form)' },
  { title: 'contract list', description: 'Your open contracts' },
  { title: 'contract show', description: 'One contract by reference, e.g. contract show C-2026-0042' },
  { title: 'contract renewals', description: 'Contracts ending soon, e.g. contract renewals 60' },
  { title: 'contract obligation', description: 'Record one, e.g. contract obligation C-2026-0042 payment 2027-01-15 Q1 invoice USD 12,000' },
  { title: 'contract obligations', description: "A contract's obligations, e.g. contract obligations C-2026-0042" },
  { title: 'contract ask', description: 'Ask a question about your contracts' },
  { title: 'contract import', description: 'Add a signed contract: attach its PDF or DOCX in this chat' },
  { title: 'help', description: 'What Clause can do' },
] as const;

export const ZTeamsCommand = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new') }),
  z.object({ kind: z.literal('list') }),
  z.object({ kind: z.literal('show'), ref: z.string().trim().min(1, 'needs a contract reference such as C-2026-0042') }),
  z.object({ kind: z.literal('renewals'), days: z.coerce.number().int().positive().max(3650).default(30) }),
  z.object({ kind: z.literal('obligation'), text: z.string().trim() }),
  z.object({ kind: z.literal('obligations'), ref: z.string().trim().min(1, 'needs a contract reference such as C-2026-0042') }),
  z.object({ kind: z.literal('ask'), question: z.string().trim().min(1, 'needs a question') }),
  z.object({ kind: z.literal('import') }),
  z.object({ kind: z.literal('help') }),
]);
export type TeamsCommand = z.infer<typeof ZTeamsCommand>;

/** Removes `<at>Clause</at>` mentions and HTML that Teams leaves in channel messages. */
export function cleanMessageText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Reads a command from message text. Anything it does not understand, including a command with
 * bad arguments, is `help` (with what was wrong, so the reply can say it).
 */
export function parseTeamsCommand(text: string): { command: TeamsCommand; problem?: string } {
  const words = cleanMessageText(text).split(' ').filter(Boolean);
  const [first, second, ...rest] = words.map((w, i) => (i < 2 ? w.toLowerCase() : w));
  let raw: Record<string, unknown>;
  if (first === 'contract' || first === 'contracts') {
    const arg = rest.join(' ');
    switch (second) {
      case 'new':
        raw = { kind: 'new' };
        break;
      case 'list':
        raw = { kind: 'list' };
        break;
      case 'show':
        raw = { kind: 'show', ref: arg };
        break;
      case 'renewals':
        raw = { kind: 'renewals', days: arg === '' ? undefined : arg };
        break;
      case 'obligation':
        raw = { kind: 'obligation', text: arg };
        break;
      case 'obligations':
        raw = { kind: 'obligations', ref: arg };
        break;
      case 'ask':
        raw = { kind: 'ask', question: arg };
        break;
      case 'import':
        raw = { kind: 'import' };
        break;
      case 'help':
      case undefined:
        raw = { kind: 'help' };
        break;
      default:
        return { command: { kind: 'help' }, ...(words.length > 0 ? { problem: `I don't know "${words.join(' ')}".` } : {}) };
    }
  } else if (first === 'help' || first === undefined) {
    raw = { kind: 'help' };
  } else {
    return { command: { kind: 'help' }, problem: `I don't know "${words.join(' ')}".` };
  }
  const parsed = ZTeamsCommand.safeParse(raw);
  if (parsed.success) return { command: parsed.data };
  const issue = parsed.error.issues[0];
  return { command: { kind: 'help' }, problem: `contract ${second}: ${issue?.message ?? 'bad arguments'}` };
}
