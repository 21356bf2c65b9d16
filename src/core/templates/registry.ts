import { AppError, AppErrorCode } from '../errors.js';
import { MSA_TEMPLATE } from './catalog/msa.js';
import { NDA_TEMPLATE } from './catalog/nda.js';
import { ORDER_FORM_TEMPLATE } from './catalog/order-form.js';
import { SOW_TEMPLATE } from './catalog/sow.js';
import type { ContractTemplate } from './template.js';

/** The catalog, one template per contract type. A new template is added here. */
const TEMPLATES: readonly ContractTemplate[] = [NDA_TEMPLATE, MSA_TEMPLATE, SOW_TEMPLATE, ORDER_FORM_TEMPLATE];

export function listTemplates(): readonly ContractTemplate[] {
  return TEMPLATES;
}

/** "Order form", "order-form" and "ORDER_FORM" all mean the contract type order_form. */
function normalizeKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** A template by its id (nda-v1) or by the contract type it drafts (nda). */
export function getTemplate(idOrType: string): ContractTemplate {
  const byId = TEMPLATES.find((t) => t.id === idOrType.trim().toLowerCase());
  if (byId) return byId;
  const type = normalizeKey(idOrType);
  const byType = TEMPLATES.find((t) => t.type === type);
  if (byType) return byType;
  const available = TEMPLATES.map((t) => t.type);
  throw new AppError(AppErrorCode.NotFound, `There is no contract template "${idOrType.trim()}". Templates exist for: ${available.join(', ')}.`, {
    template: idOrType,
    available,
  });
}
