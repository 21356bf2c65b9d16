import { z } from 'zod';
import { ZContractStatus } from '../../../../core/domain/contract.js';

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

export const ZContractCommand = z.discriminatedUnion('kind', [
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
  z.object({ kind: z.literal('show'), ref: z.string().trim().min(1, 'needs a contract reference such as C-2026-0042') }),
  z.object({ kind: z.literal('renewals'), days: z.coerce.number().int().positive().max(3650).default(30) }),
  z.object({ kind: z.literal('obligation'), text: z.string().trim(), ownerId: z.string().regex(/^[UW][A-Z0-9]+$/).optional() }),
  z.object({ kind: z.literal('obligations'), ref: z.string().trim().min(1, 'needs a contract reference such as C-2026-0042') }),
  z.object({ kind: z.literal('ask'), question: z.string().trim().min(1, 'needs a question') }),
  z.object({ kind: z.literal('import') }),
  z.object({ kind: z.literal('help') }),
]);
export type ContractCommand = z.infer<typeof ZContractCommand>;

export type ParsedCommand = { ok: true; command: ContractCommand } | { ok: false; problem?: string };

const KINDS = new Set(['new', 'list', 'show', 'renewals', 'obligation', 'obligations', 'ask', 'import', 'help']);

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

/** The first user mention in escaped text, and the text without it. */
function takeMention(text: string): { ownerId?: string; rest: string } {
  const m = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/.exec(text);
  if (!m) return { rest: text };
  return { ownerId: m[1]!, rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}` };
}

/** `/contract <text>`: the first word picks the subcommand, the rest is its argument. */
export function parseContractCommand(escaped: string): ParsedCommand {
  const mention = /^\s*obligation\s/i.test(escaped) ? takeMention(escaped) : { rest: escaped };
  const text = unescapeSlackText(mention.rest);
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const kind = first.toLowerCase() || 'help';
  if (!KINDS.has(kind)) return { ok: false };
  const arg = rest.join(' ').trim();
  const raw: Record<string, unknown> = { kind, ...(mention.ownerId ? { ownerId: mention.ownerId } : {}) };
  if (arg) {
    if (kind === 'new') raw.type = arg;
    if (kind === 'list') raw.status = arg;
    if (kind === 'show') raw.ref = arg;
    if (kind === 'renewals') raw.days = arg;
    if (kind === 'ask') raw.question = arg;
    if (kind === 'obligation') raw.text = arg;
    if (kind === 'obligations') raw.ref = arg;
  } else if (kind === 'show' || kind === 'obligations') raw.ref = '';
  else if (kind === 'obligation') raw.text = '';
  else if (kind === 'ask') raw.question = '';
  const parsed = ZContractCommand.safeParse(raw);
  if (parsed.success) return { ok: true, command: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `\`${kind}\` ${issue?.message ?? 'was not understood'}` };
}

export const HELP_TEXT = [
  '*Clause*: your contract desk in Slack.',
  '• `/contract new [type]`: request a new contract (opens a form; types: nda, msa, sow, order_form)',
  '• `/contract list [status]`: your contracts, or only those with a status (draft, in_review, approved, …)',
  '• `/contract show C-2026-0042`: one contract: summary, status, approvals and history',
  '• `/contract renewals [days]`: notice deadlines in the next 30 (or N) days, soonest first',
  '• `/contract obligation C-2026-0042 payment 2027-01-15 Q1 invoice [USD 12,000] [@owner]`: record a payment milestone, deliverable or review; Clause reminds its owner',
  '• `/contract obligations C-2026-0042`: a contract\'s obligations, with Mark done buttons',
  '• `/contract ask <question>`: ask about your contracts, e.g. `/contract ask what is the notice period in the Acme MSA?`',
  '• `/contract import`: add a signed contract from its file (PDF, DOCX or text), then confirm its terms',
  '• `/contract help`: this message',
  'Approvals waiting on you, and your contracts, are on the Home tab of the Clause app.',
].join('\n');
