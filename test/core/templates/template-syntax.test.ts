import { z } from 'zod';
import { evaluateTemplate } from '../../../src/core/templates/evaluate-template.js';
import { parseContractTemplate } from '../../../src/core/templates/parse-contract-template.js';
import type { ContractTemplate } from '../../../src/core/templates/template.js';
import { parseTemplateText, TemplateDefinitionError, variablesUsed } from '../../../src/core/templates/template-syntax.js';

const CLAUSES: Record<string, string> = {
  greeting: 'Hello {{name}}.',
  outer: 'Outer {{clause:inner}}',
  inner: 'inner {{clause:outer}}',
};
const lookup = (id: string) => CLAUSES[id];
const render = (text: string, values: Record<string, unknown>) => evaluateTemplate(parseTemplateText(text, 'test', lookup), values, 'test');

describe('template syntax', () => {
  it('prints variables, readable dates and durations in words', () => {
    expect(
      render('{{name}} from {{start}} for {{n|months}}, {{d|days}} notice, {{y|years}}.', {
        name: 'Acme',
        start: '2026-03-01',
        n: 12,
        d: 1,
        y: 1,
      }),
    ).toBe('Acme from 1 March 2026 for 12 months, 1 day notice, 1 year.');
    expect(render('{{ day }} / {{other}}', { day: '2026-12-31', other: '2026-13-01' })).toBe('31 December 2026 / 2026-13-01');
  });

  it('includes clauses, themselves templates', () => {
    expect(render('A. {{clause:greeting}} B.', { name: 'Dana' })).toBe('A. Hello Dana. B.');
  });

  it('takes an optional section for any present value, 0 included, and else otherwise', () => {
    const text = '{{#if n}}n={{n}}{{else}}none{{/if}}';
    expect(render(text, { n: 0 })).toBe('n=0');
    expect(render(text, {})).toBe('none');
    expect(render(text, { n: false })).toBe('none');
    expect(render('{{#if a}}A{{#if b}}B{{/if}}{{/if}}.', { a: true, b: true })).toBe('AB.');
    expect(render('{{#if a}}A{{#if b}}B{{/if}}{{/if}}.', { b: true })).toBe('.');
  });

  it('drops the lines of block tags that stand alone, so optional sections leave no gaps', () => {
    const text = 'By: ____\n  {{#if title}}  \nTitle: {{title}}\n{{/if}}\nDate: ____\n\n\n\nEnd   ';
    expect(render(text, { title: 'CEO' })).toBe('By: ____\nTitle: CEO\nDate: ____\n\nEnd');
    expect(render(text, {})).toBe('By: ____\nDate: ____\n\nEnd');
  });

  it('lists the variables used in every branch and clause', () => {
    const nodes = parseTemplateText('{{#if a}}{{b}}{{else}}{{c|days}}{{/if}} {{clause:greeting}}', 'test', lookup);
    expect([...variablesUsed(nodes)].sort()).toEqual(['a', 'b', 'c', 'name']);
  });

  it.each([
    ['{{foo bar}}', 'unknown placeholder "{{foo bar}}"'],
    ['{{n|weeks}}', 'unknown filter "weeks"'],
    ['{{clause:missing}}', 'unknown clause "missing"'],
    ['{{clause:Bad_Id}}', 'bad clause id'],
    ['{{clause:outer}}', 'clause "outer" includes itself'],
    ['{{#if a}}open', '"{{#if a}}" is never closed'],
    ['{{/if}}', 'without a matching "{{#if}}"'],
    ['{{#if a}}x{{else}}y{{else}}z{{/if}}', '"{{else}}" without a matching'],
    ['{{#if}}x{{/if}}', 'bad condition'],
    ['Hello {{name}', 'stray braces'],
    ['Hello name}}', 'stray braces'],
  ])('refuses the template bug %p', (text, message) => {
    expect(() => parseTemplateText(text, 'test', lookup)).toThrow(TemplateDefinitionError);
    expect(() => parseTemplateText(text, 'test', lookup)).toThrow(message);
  });

  it('refuses to print a variable that has no value (an optional one without an {{#if}} guard)', () => {
    expect(() => render('Value: {{contractValue}}', {})).toThrow('"{{contractValue}}" has no printable value');
    expect(() => render('{{n|months}}', { n: 'twelve' })).toThrow(TemplateDefinitionError);
  });

  it('does not treat braces in a value as template syntax', () => {
    expect(render('Party: {{name}}', { name: 'Acme {{Corp}}' })).toBe('Party: Acme {{Corp}}');
  });
});

describe('parseContractTemplate', () => {
  const template = (body: string): ContractTemplate => ({
    id: 'broken-v1',
    type: 'broken',
    name: 'Broken',
    description: 'A template with a bug',
    variables: z.object({ counterpartyName: z.string(), autoRenews: z.boolean() }),
    title: 'Broken',
    body,
  });

  it('accepts a template whose variables are all declared', () => {
    expect(() => parseContractTemplate(template('{{counterpartyName}}'))).not.toThrow();
  });

  it('refuses a variable the schema does not declare, even in a branch or clause an input would skip', () => {
    expect(() => parseContractTemplate(template('{{#if autoRenews}}{{renewalTermMonths|months}}{{/if}}'))).toThrow(
      'template "broken-v1" body uses undeclared variable(s): renewalTermMonths',
    );
    expect(() => parseContractTemplate(template('{{clause:governing-law}}'))).toThrow('undeclared variable(s): governingLaw');
  });

  it('refuses a clause the library does not have', () => {
    expect(() => parseContractTemplate(template('{{clause:non-compete}}'))).toThrow('unknown clause "non-compete"');
  });
});
