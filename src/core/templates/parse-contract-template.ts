import { findClause } from './clauses/clause-library.js';
import type { ContractTemplate } from './template.js';
import { parseTemplateText, TemplateDefinitionError, variablesUsed, type TemplateNode } from './template-syntax.js';

export interface ParsedContractTemplate {
  title: TemplateNode[];
  body: TemplateNode[];
}

/**
 * Parses a template's title and body against the clause library and checks that every variable
 * they use — in any branch, in any included clause — is declared in the template's schema. Any
 * failure is a TemplateDefinitionError: the template file is wrong, whatever the input.
 */
export function parseContractTemplate(template: ContractTemplate): ParsedContractTemplate {
  return { title: parsePart(template, template.title, 'title'), body: parsePart(template, template.body, 'body') };
}

function parsePart(template: ContractTemplate, text: string, part: string): TemplateNode[] {
  const source = `template "${template.id}" ${part}`;
  const nodes = parseTemplateText(text, source, (id) => findClause(id)?.text);
  const declared = new Set(Object.keys(template.variables.shape));
  const undeclared = [...variablesUsed(nodes)].filter((name) => !declared.has(name));
  if (undeclared.length > 0) {
    throw new TemplateDefinitionError(`${source} uses undeclared variable(s): ${undeclared.join(', ')}`);
  }
  return nodes;
}
