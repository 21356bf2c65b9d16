import { formatTemplateValue, isPresent } from './format-template-value.js';
import { TemplateDefinitionError, type TemplateNode } from './template-syntax.js';

/** Fills parsed template nodes with validated values and tidies the spacing optional sections leave. */
export function evaluateTemplate(nodes: readonly TemplateNode[], values: Record<string, unknown>, source: string): string {
  return tidy(evaluateNodes(nodes, values, source));
}

function evaluateNodes(nodes: readonly TemplateNode[], values: Record<string, unknown>, source: string): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.text;
        break;
      case 'variable': {
        const text = formatTemplateValue(values[node.name], node.filter);
        if (text === undefined) {
          // Validation passed, so the text prints an optional variable without an {{#if}} guard.
          throw new TemplateDefinitionError(
            `${source}: "{{${node.name}${node.filter ? `|${node.filter}` : ''}}}" has no printable value; guard it with {{#if ${node.name}}}`,
          );
        }
        out += text;
        break;
      }
      case 'if':
        out += evaluateNodes(isPresent(values[node.name]) ? node.then : node.otherwise, values, source);
        break;
      case 'clause':
        out += evaluateNodes(node.nodes, values, `clause "${node.id}"`);
        break;
    }
  }
  return out;
}

function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
