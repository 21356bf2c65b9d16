import { BUILT_IN_CONTRACT_TYPES } from '../../../src/core/domain/contract.js';
import { AppErrorCode } from '../../../src/core/errors.js';
import { CLAUSE_LIBRARY, findClause } from '../../../src/core/templates/clauses/clause-library.js';
import { ZCommonTemplateVariables } from '../../../src/core/templates/common-variables.js';
import { parseContractTemplate } from '../../../src/core/templates/parse-contract-template.js';
import { getTemplate, listTemplates } from '../../../src/core/templates/registry.js';
import type { TemplateNode } from '../../../src/core/templates/template-syntax.js';

function clausesIncluded(nodes: readonly TemplateNode[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (node.kind === 'clause') {
      into.add(node.id);
      clausesIncluded(node.nodes, into);
    } else if (node.kind === 'if') {
      clausesIncluded(node.then, into);
      clausesIncluded(node.otherwise, into);
    }
  }
  return into;
}

describe('template catalog', () => {
  it('has one template for each built-in contract type, with unique ids', () => {
    expect(listTemplates().map((t) => t.type)).toEqual([...BUILT_IN_CONTRACT_TYPES]);
    expect(new Set(listTemplates().map((t) => t.id)).size).toBe(listTemplates().length);
  });

  it.each(listTemplates().map((t) => [t.id, t] as const))('%s parses and declares every common variable', (_id, template) => {
    expect(() => parseContractTemplate(template)).not.toThrow();
    expect(Object.keys(template.variables.shape)).toEqual(expect.arrayContaining(Object.keys(ZCommonTemplateVariables.shape)));
  });

  it('finds a template by id or by contract type, however the type is written', () => {
    expect(getTemplate('nda-v1').type).toBe('nda');
    expect(getTemplate('MSA').id).toBe('msa-v1');
    expect(getTemplate('order-form').id).toBe('order-form-v1');
    expect(getTemplate(' Order form ').id).toBe('order-form-v1');
    expect(getTemplate('order-form-v1').type).toBe('order_form');
  });

  it('refuses an unknown template with NotFound', () => {
    expect(() => getTemplate('lease')).toThrow(
      expect.objectContaining({ code: AppErrorCode.NotFound, details: expect.objectContaining({ template: 'lease' }) }),
    );
  });
});

describe('clause library', () => {
  it('has unique ids, titles and text', () => {
    expect(new Set(CLAUSE_LIBRARY.map((c) => c.id)).size).toBe(CLAUSE_LIBRARY.length);
    for (const clause of CLAUSE_LIBRARY) {
      expect(clause.title).not.toBe('');
      expect(clause.text.length).toBeGreaterThan(40);
      expect(findClause(clause.id)).toBe(clause);
    }
    expect(findClause('non-compete')).toBeUndefined();
  });

  it('has no clause that no template uses', () => {
    const used = new Set<string>();
    for (const template of listTemplates()) clausesIncluded(parseContractTemplate(template).body, used);
    expect(CLAUSE_LIBRARY.map((c) => c.id).filter((id) => !used.has(id))).toEqual([]);
  });

  it('has the auto-renewal clause with its renewal term and notice period', () => {
    expect(findClause('auto-renewal')?.text).toMatch(/\{\{renewalTermMonths\|months\}\}[\s\S]*\{\{noticePeriodDays\|days\}\}/);
  });
});
