import { templateText, ZCommonTemplateVariables } from '../common-variables.js';
import type { ContractTemplate } from '../template.js';
import { additionalTermsSection, commercialVariables, PROVIDER_AND_CUSTOMER } from './shared-fragments.js';
import { standardTermsWithoutMsa } from './standard-terms.js';

const ZOrderFormVariables = ZCommonTemplateVariables.safeExtend({
  ...commercialVariables,
  /** The governing MSA; without it the order form carries the standard terms itself. */
  msaReference: templateText(200).optional(),
  products: templateText(4000).default('the subscription services and associated standard support described in Provider’s then-current product documentation'),
  billingFrequency: templateText(200).default('annually in advance'),
});

export const ORDER_FORM_TEMPLATE: ContractTemplate = {
  id: 'order-form-v1',
  type: 'order_form',
  name: 'Order form',
  description: 'Order form for a subscription or purchase, under an MSA when one is referenced, standalone otherwise.',
  variables: ZOrderFormVariables,
  title: 'Order Form',
  body: `This Order Form (this “Order Form” or this “Agreement”) is entered into as of {{effectiveDate}} (the “Effective Date”) by and between ${PROVIDER_AND_CUSTOMER}.

1. Order Details

Products and services: {{products}}
Subscription term: {{termMonths|months}} from the Effective Date{{#if endDate}}, ending on {{endDate}}{{/if}}
Fees: {{#if contractValue}}{{contractValue}}{{else}}as set out in the pricing schedule attached to this Order Form{{/if}}
Billing: {{billingFrequency}}
Payment terms: within {{paymentTermsDays|days}} of the invoice date
Renewal: {{#if autoRenews}}automatic, for successive terms of {{renewalTermMonths|months}}, unless either party gives notice of non-renewal at least {{noticePeriodDays|days}} before the end of the current term{{else}}none; the subscription ends with the subscription term unless the parties agree otherwise in writing{{/if}}
Contact for {{companyName}}: {{ownerName}}

2. Subscription Term and Renewal

{{clause:term-and-termination}}

3. Fees and Payment

{{clause:payment-terms}}

Fees are non-cancellable and non-refundable except as expressly set out in this Order Form. Customer may not reduce the quantity of products ordered during the then-current term.

4. Governing Terms

{{#if msaReference}}
This Order Form is issued under, and governed by, the Master Services Agreement between the parties referenced as {{msaReference}} (the “MSA”), whose provisions on confidentiality, intellectual property, data protection, warranties, indemnification and limitation of liability apply to it. If this Order Form conflicts with the MSA, this Order Form prevails only as to the products, quantities, fees and term ordered.
{{else}}
${standardTermsWithoutMsa(4)}
{{/if}}

5. Governing Law

{{clause:governing-law}}

6. Notices

{{clause:notices}}

${additionalTermsSection(7)}

{{clause:signature-block}}`,
};
