import type { z } from 'zod';
import { AppError, AppErrorCode } from '../errors.js';
import { findClause } from './clauses/clause-library.js';
import { evaluateTemplate } from './evaluate-template.js';
import { getTemplate } from './registry.js';
import type { ContractTemplate } from './template.js';
import { parseTemplateText, TemplateDefinitionError, variablesUsed, type TemplateNode } from './template-syntax.js';

export interface RenderedTemplate {
  templateId: string;
  type: string;
  title: string;
  text: string;
  /** The validated variables with defaults filled in: store them with the version to re-render it. */
  variables: Record<string, unknown>;
}

/**
 * Drafts a contract from a template. Refuses, naming the variable, when the input is missing or
 * invalid (AppError TemplateVariable, shown to the requester); throws TemplateDefinitionError when
 * the template itself is broken (unknown placeholder or clause), which is a bug.
 */
export function renderTemplate(templateIdOrType: string, variables: Record<string, unknown>): RenderedTemplate {
  const template = getTemplate(templateIdOrType);
  const title = parseChecked(template, template.title, 'title');
  const body = parseChecked(template, template.body, 'body');

  const input = withoutBlankValues(variables);
  const parsed = template.variables.safeParse(input);
  if (!parsed.success) throw variableError(template, parsed.error, input);

  const values = parsed.data as Record<string, unknown>;
  return {
    templateId: template.id,
    type: template.type,
    title: evaluateTemplate(title, values, `template "${template.id}" title`),
    text: evaluateTemplate(body, values, `template "${template.id}"`),
    variables: values,
  };
}

/** Parses template text and checks every variable it uses is declared, whatever branch an input takes. */
function parseChecked(template: ContractTemplate, text: string, part: string): TemplateNode[] {
  const source = `template "${template.id}" ${part}`;
  const nodes = parseTemplateText(text, source, (id) => findClause(id)?.text);
  const declared = new Set(Object.keys(template.variables.shape));
  const undeclared = [...variablesUsed(nodes)].filter((name) => !declared.has(name));
  if (undeclared.length > 0) {
    throw new TemplateDefinitionError(`${source} uses undeclared variable(s): ${undeclared.join(', ')}`);
  }
  return nodes;
}

/** A chat form sends "" or null for a field left empty; that is the same as not giving it. */
function withoutBlankValues(variables: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(variables).filter(
      ([, value]) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === ''),
    ),
  );
}

const EXPECTED_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function reasonFor(issue: z.core.$ZodIssue, input: Record<string, unknown>): string {
  if (issue.code !== 'invalid_type') return issue.message;
  const variable = String(issue.path[0] ?? '');
  if (input[variable] === undefined) return 'is required';
  return `must be ${EXPECTED_WORDS[issue.expected] ?? issue.expected}`;
}

function variableError(template: ContractTemplate, error: z.ZodError, input: Record<string, unknown>): AppError {
  const issues = error.issues.map((issue) => ({
    variable: issue.path.map(String).join('.') || '_',
    message: reasonFor(issue, input),
  }));
  const first = issues[0]!;
  return new AppError(AppErrorCode.TemplateVariable, `Template "${template.name}" needs "${first.variable}": ${first.message}`, {
    template: template.id,
    variable: first.variable,
    issues,
  });
}
