/**
 * The template syntax, kept deliberately tiny so a lawyer can read a template file:
 *
 *   {{name}}                      a variable
 *   {{name|months}}               a variable through a filter (months, days, years)
 *   {{clause:clause-id}}          an approved clause, itself parsed with this syntax
 *   {{#if name}} … {{else}} … {{/if}}   an optional section; `else` is optional; blocks may nest
 *
 * A block tag alone on its line takes the whole line with it, so optional sections do not leave
 * blank lines behind. Anything else between double braces, or a stray `{{`/`}}`, is a template bug
 * and is refused when the template is parsed — whatever the variables are — so tests catch it.
 */
const TEMPLATE_FILTERS = ['months', 'days', 'years'] as const;
export type TemplateFilter = (typeof TEMPLATE_FILTERS)[number];

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; filter?: TemplateFilter }
  | { kind: 'if'; name: string; then: TemplateNode[]; otherwise: TemplateNode[] }
  | { kind: 'clause'; id: string; nodes: TemplateNode[] };

/** A mistake in a template or clause file (not in the user's input): a bug, never shown to a user. */
export class TemplateDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateDefinitionError';
  }
}

/** Looks up a clause text by id; returns undefined for an unknown id. */
export type ClauseTextLookup = (id: string) => string | undefined;

const TAG_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const STANDALONE_BLOCK_TAG_RE = /^[ \t]*(\{\{\s*(?:#if\s+[^{}]*?|else|\/if)\s*\}\})[ \t]*\r?\n/gm;
const NAME_RE = /^[A-Za-z][A-Za-z0-9_]*$/;
const CLAUSE_ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

interface OpenBlock {
  node: Extract<TemplateNode, { kind: 'if' }>;
  inElse: boolean;
}

/** Parses template text into nodes, resolving clause includes (recursively, refusing cycles). */
export function parseTemplateText(text: string, source: string, lookupClause: ClauseTextLookup, clauseStack: readonly string[] = []): TemplateNode[] {
  const root: TemplateNode[] = [];
  const open: OpenBlock[] = [];
  const target = (): TemplateNode[] => {
    const top = open[open.length - 1];
    if (!top) return root;
    return top.inElse ? top.node.otherwise : top.node.then;
  };
  const fail = (message: string): never => {
    throw new TemplateDefinitionError(`${source}: ${message}`);
  };

  const prepared = text.replace(STANDALONE_BLOCK_TAG_RE, '$1');
  let last = 0;
  for (const match of prepared.matchAll(TAG_RE)) {
    pushText(prepared.slice(last, match.index), target(), fail);
    last = match.index + match[0].length;
    const tag = match[1] ?? '';

    if (tag.startsWith('#if')) {
      const name = tag.slice(3).trim();
      if (!NAME_RE.test(name)) fail(`bad condition "{{${tag}}}"`);
      const node: OpenBlock['node'] = { kind: 'if', name, then: [], otherwise: [] };
      target().push(node);
      open.push({ node, inElse: false });
    } else if (tag === 'else') {
      const top = open[open.length - 1];
      if (!top || top.inElse) fail('"{{else}}" without a matching "{{#if}}"');
      top!.inElse = true;
    } else if (tag === '/if') {
      if (!open.pop()) fail('"{{/if}}" without a matching "{{#if}}"');
    } else if (tag.startsWith('clause:')) {
      const id = tag.slice('clause:'.length).trim();
      if (!CLAUSE_ID_RE.test(id)) fail(`bad clause id "${id}"`);
      if (clauseStack.includes(id)) fail(`clause "${id}" includes itself`);
      const clauseText = lookupClause(id);
      if (clauseText === undefined) fail(`unknown clause "${id}"`);
      const nodes = parseTemplateText(clauseText!.trim(), `clause "${id}"`, lookupClause, [...clauseStack, id]);
      target().push({ kind: 'clause', id, nodes });
    } else {
      const [name = '', filter, ...rest] = tag.split('|').map((part) => part.trim());
      if (!NAME_RE.test(name) || rest.length > 0) fail(`unknown placeholder "{{${tag}}}"`);
      if (filter !== undefined && !(TEMPLATE_FILTERS as readonly string[]).includes(filter)) {
        fail(`unknown filter "${filter}" in "{{${tag}}}"`);
      }
      target().push({ kind: 'variable', name, ...(filter ? { filter: filter as TemplateFilter } : {}) });
    }
  }
  pushText(prepared.slice(last), target(), fail);
  if (open.length > 0) fail(`"{{#if ${open[open.length - 1]!.node.name}}}" is never closed`);
  return root;
}

function pushText(text: string, into: TemplateNode[], fail: (message: string) => never): void {
  if (!text) return;
  // A brace pair the tag pattern did not take is a typo such as "{{ name }" or "{{{name}}}".
  if (text.includes('{{') || text.includes('}}')) fail(`stray braces near "${text.trim().slice(0, 40)}"`);
  into.push({ kind: 'text', text });
}

/** Every variable name the nodes use, including in branches a given input would not take. */
export function variablesUsed(nodes: readonly TemplateNode[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (node.kind === 'variable') into.add(node.name);
    else if (node.kind === 'if') {
      into.add(node.name);
      variablesUsed(node.then, into);
      variablesUsed(node.otherwise, into);
    } else if (node.kind === 'clause') variablesUsed(node.nodes, into);
  }
  return into;
}
