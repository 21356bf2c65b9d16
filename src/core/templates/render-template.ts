import type { z } from 'zod';
import { AppError, AppErrorCode } from '../errors.js';
import { evaluateTemplate } from './evaluate-template.js';
import { parseContractTemplate } from './parse-contract-template.js';
import { getTemplate } from './registry.js';
import type { ContractTemplate } from './template.js';

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
  // Parsed before validating input so a broken template fails on every call, not only on some inputs.
  const { title, body } = parseContractTemplate(template);

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

/** A chat form sends "" or null for a field left empty; that is the same as not giving it. */
function withoutBlankValues(variables: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(variables).filter(([, value]) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')),
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
