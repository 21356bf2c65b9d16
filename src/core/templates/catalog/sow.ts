import { nonNegativeWholeNumber, templateText, ZCommonTemplateVariables } from '../common-variables.js';
import type { ContractTemplate } from '../template.js';
import { additionalTermsSection, commercialVariables, PROVIDER_AND_CUSTOMER } from './shared-fragments.js';
import { standardTermsWithoutMsa } from './standard-terms.js';

const ZSowVariables = ZCommonTemplateVariables.safeExtend({
  ...commercialVariables,
  /** The governing MSA ("C-2025-0012", or its title); without it the SOW carries the standard terms itself. */
  msaReference: templateText(200).optional(),
  projectDescription: templateText(2000).default('the professional services described in this Statement of Work'),
  deliverables: templateText(4000).default(
    'the work product, documentation and reports described in this Statement of Work or otherwise agreed in writing by the parties during the project',
  ),
  acceptanceDays: nonNegativeWholeNumber(365).default(10),
});

export const SOW_TEMPLATE: ContractTemplate = {
  id: 'sow-v1',
  type: 'sow',
  name: 'SOW',
  description: 'Statement of work for a project, under an MSA when one is referenced, standalone otherwise.',
  variables: ZSowVariables,
  title: 'Statement of Work',
  body: `This Statement of Work (this “Statement of Work” or this “Agreement”) is entered into as of {{effectiveDate}} (the “Effective Date”) by and between ${PROVIDER_AND_CUSTOMER}.

{{#if msaReference}}
This Statement of Work is issued under, and governed by, the Master Services Agreement between the parties referenced as {{msaReference}} (the “MSA”). Capitalised terms not defined here have the meanings given in the MSA.
{{else}}
No master agreement applies to this Statement of Work; the standard terms in Section 9 govern it.
{{/if}}

1. Project Overview

Provider shall perform {{projectDescription}} (the “Services”) for Customer. {{ownerName}} is the point of contact for {{companyName}} for all matters relating to the Services.

2. Deliverables

Provider shall deliver to Customer {{deliverables}} (the “Deliverables”).

3. Term and Timeline

{{clause:term-and-termination}}

Provider shall use commercially reasonable efforts to perform the Services in accordance with any timeline agreed by the parties in writing. Delays caused by Customer’s failure to provide timely access, information or decisions extend the affected dates accordingly.

4. Acceptance

Within {{acceptanceDays|days}} after delivery of each Deliverable, Customer shall either accept it in writing or notify Provider in writing, in reasonable detail, of any respect in which it does not conform to this Statement of Work. Provider shall correct any such non-conformity and redeliver the Deliverable, whereupon this acceptance procedure applies again. A Deliverable is deemed accepted if Customer does not give notice of non-conformity within that period or uses it in production.

5. Fees and Payment

{{clause:payment-terms}}

6. Change Requests

Either party may request a change to the scope, Deliverables or timeline of the Services. No change is binding unless it is documented in a written change order signed by both parties that describes the change and its effect on the fees and timeline.

7. Governing Law

{{clause:governing-law}}

8. Notices

{{clause:notices}}

9. Governing Terms

{{#if msaReference}}
The terms of the MSA, including its provisions on confidentiality, intellectual property, warranties, indemnification and limitation of liability, apply to this Statement of Work. If this Statement of Work conflicts with the MSA, the MSA prevails unless this Statement of Work expressly states that it overrides a named provision of the MSA.
{{else}}
${standardTermsWithoutMsa(9)}
{{/if}}

${additionalTermsSection(10)}

{{clause:signature-block}}`,
};
