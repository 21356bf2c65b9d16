import type { Clause } from './clause.js';

export const TERM_AND_TERMINATION_CLAUSE: Clause = {
  id: 'term-and-termination',
  title: 'Term and Termination',
  text: `This Agreement commences on the Effective Date and continues for an initial term of {{termMonths|months}}{{#if endDate}}, ending on {{endDate}}{{/if}} (the “Initial Term”), unless terminated earlier in accordance with this Agreement.

{{#if autoRenews}}
{{clause:auto-renewal}}
{{else}}
This Agreement does not renew automatically. It expires at the end of the Initial Term unless the parties extend it by a written amendment signed by both of them.
{{/if}}

Either party may terminate this Agreement with immediate effect by written notice if the other party (a) commits a material breach of this Agreement that is not capable of remedy, or that is not remedied within thirty (30) days after written notice describing the breach; or (b) becomes insolvent, makes an assignment for the benefit of creditors, or becomes subject to any bankruptcy, receivership or similar proceeding.

Expiry or termination does not affect rights and remedies accrued before it, and any provision of this Agreement that by its nature is intended to survive expiry or termination survives it.`,
};

export const AUTO_RENEWAL_CLAUSE: Clause = {
  id: 'auto-renewal',
  title: 'Automatic Renewal',
  text: `At the end of the Initial Term and of each renewal term, this Agreement renews automatically for a further period of {{renewalTermMonths|months}} (each a “Renewal Term”), unless either party gives the other written notice of non-renewal at least {{noticePeriodDays|days}} before the end of the then-current term.`,
};
