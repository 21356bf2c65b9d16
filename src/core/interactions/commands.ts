import { z } from 'zod';
import { STATUS_LABELS, ZContractStatus } from '../domain/contract.js';
import type { ChatMessage } from '../views/chat-message.js';

/**
 * The one command grammar: `contract <command> [argument]` on every platform (Slack's
 * `/contract …`, a Teams message `contract …`). Parsed once, with the same arguments, help and
 * errors everywhere; the adapters only take the platform's markup off the text first.
 */

/** Status words people type: `list review`, `list signed`, `list in_review`. */
const STATUS_ALIASES: Record<string, string> = {
  review: 'in_review',
  'in-review': 'in_review',
  pending: 'in_review',
  signed: 'active',
  sent: 'sent_for_signature',
  signature: 'sent_for_signature',
  drafts: 'draft',
};

const ZRef = z.string().trim().min(1, 'needs a contract reference such as C-2026-0042');

const ZCommand = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new'), type: z.string().trim().min(1).optional() }),
  z.object({
    kind: z.literal('list'),
    status: z
      .string()
      .trim()
      .toLowerCase()
      .transform((s) => STATUS_ALIASES[s] ?? s)
      .pipe(ZContractStatus)
      .optional(),
  }),
  z.object({ kind: z.literal('show'), ref: ZRef }),
  z.object({
    kind: z.literal('renewals'),
    days: z.coerce
      .number({ message: 'needs a number of days, e.g. renewals 60' })
      .int('needs a whole number of days, e.g. renewals 60')
      .positive('needs a number of days, e.g. renewals 60')
      .max(3650, 'looks at most 3650 days ahead')
      .default(30),
  }),
  z.object({ kind: z.literal('obligation'), text: z.string().trim(), ownerId: z.string().min(1).optional(), ownerName: z.string().optional() }),
  z.object({ kind: z.literal('obligations'), ref: ZRef }),
  z.object({ kind: z.literal('ask'), question: z.string().trim().min(1, 'needs a question') }),
  z.object({ kind: z.literal('import') }),
  z.object({ kind: z.literal('help') }),
]);
export type Command = z.infer<typeof ZCommand>;
export type CommandKind = Command['kind'];

/** Every command, its usage and what it does: the help text and the Teams command menu come from here. */
export const COMMANDS: ReadonlyArray<{ kind: CommandKind; usage: string; summary: string; help: string }> = [
  {
    kind: 'new',
    usage: 'new [type]',
    summary: 'Request a new contract (opens a form)',
    help: 'request a new contract (opens a form; types: nda, msa, sow, order_form)',
  },
  {
    kind: 'list',
    usage: 'list [status]',
    summary: 'Your contracts, e.g. contract list in_review',
    help: 'your contracts, or only those with a status (draft, in_review, approved, …)',
  },
  {
    kind: 'show',
    usage: 'show C-2026-0042',
    summary: 'One contract by reference, e.g. contract show C-2026-0042',
    help: 'one contract: summary, status, approvals and history',
  },
  {
    kind: 'renewals',
    usage: 'renewals [days]',
    summary: 'Contracts ending soon, e.g. contract renewals 60',
    help: 'notice deadlines in the next 30 (or N) days, soonest first',
  },
  {
    kind: 'obligation',
    usage: 'obligation C-2026-0042 payment 2027-01-15 Q1 invoice [USD 12,000] [@owner]',
    summary: 'Record one, e.g. contract obligation C-2026-0042 payment 2027-01-15 Q1 invoice USD 12,000',
    help: 'record a payment milestone, deliverable or review; Clause reminds its owner',
  },
  {
    kind: 'obligations',
    usage: 'obligations C-2026-0042',
    summary: "A contract's obligations, e.g. contract obligations C-2026-0042",
    help: "a contract's obligations, with Mark done buttons",
  },
  {
    kind: 'ask',
    usage: 'ask <question>',
    summary: 'Ask a question about your contracts',
    help: 'ask about your contracts, e.g. "ask what is the notice period in the Acme MSA?"',
  },
  {
    kind: 'import',
    usage: 'import',
    summary: 'Add a signed contract: send its PDF or DOCX to Clause',
    help: 'add a signed contract from its file (PDF, DOCX or text), then confirm its terms',
  },
  { kind: 'help', usage: 'help', summary: 'What Clause can do', help: 'this message' },
];

const COMMAND_KINDS: readonly CommandKind[] = COMMANDS.map((c) => c.kind);

export type ParsedCommand = { ok: true; command: Command } | { ok: false; problem: string; text: string };

const QUESTION_START = /^(what|which|who|whose|when|where|why|how|can|could|does|do|is|are|will|should|may|list|show me|tell me)\b/i;

/** "what is the notice period in the Acme MSA?", not a mistyped command. */
function looksLikeQuestion(text: string): boolean {
  return text.length >= 8 && (text.endsWith('?') || QUESTION_START.test(text));
}

/**
 * `text` is what follows the command word (`/contract`, or `contract` in a Teams message), plain
 * (platform markup removed). `mentionedId` is a person the platform saw mentioned (an
 * obligation's owner). An empty text is `help`; text that is no command but reads as a question
 * is asked.
 */
export function parseCommand(text: string, options: { prefix: string; mentionedId?: string; mentionedName?: string }): ParsedCommand {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const kind = first.toLowerCase() || 'help';
  if (!(COMMAND_KINDS as readonly string[]).includes(kind)) {
    if (looksLikeQuestion(trimmed)) return { ok: true, command: { kind: 'ask', question: trimmed } };
    return { ok: false, problem: `I don't know "${options.prefix} ${trimmed}".`, text: trimmed };
  }
  const arg = rest.join(' ').trim();
  const raw: Record<string, unknown> = { kind };
  if (kind === 'new' && arg) raw.type = arg;
  if (kind === 'list' && arg) raw.status = arg;
  if (kind === 'show' || kind === 'obligations') raw.ref = arg;
  if (kind === 'renewals' && arg) raw.days = arg;
  if (kind === 'ask') raw.question = arg;
  if (kind === 'obligation') {
    raw.text = arg;
    if (options.mentionedId) raw.ownerId = options.mentionedId;
    if (options.mentionedId && options.mentionedName) raw.ownerName = options.mentionedName;
  }
  const parsed = ZCommand.safeParse(raw);
  if (parsed.success) return { ok: true, command: parsed.data };
  const issue = parsed.error.issues[0];
  const known =
    kind === 'list' && issue?.path[0] === 'status' ? `must be one of ${Object.keys(STATUS_LABELS).join(', ')}` : (issue?.message ?? 'was not understood');
  return { ok: false, problem: `${options.prefix} ${kind}: ${known}`, text: trimmed };
}

/** The help text: every command with its usage, for this platform's command word. */
export function helpMessage(prefix: string, surface: string, problem?: string): ChatMessage {
  const lines = COMMANDS.map((c) => `• ${prefix} ${c.usage}: ${c.help}`).join('\n');
  const text = [
    ...(problem ? [problem, ''] : []),
    `Clause: your contract desk in ${surface}.`,
    lines,
    'Approvals waiting on you come to you as cards with Approve and Reject buttons.',
  ].join('\n');
  return {
    text,
    card: {
      title: `Clause: your contract desk in ${surface}`,
      sections: [...(problem ? [{ kind: 'context' as const, text: problem }] : []), { kind: 'text', text: lines }],
    },
  };
}
