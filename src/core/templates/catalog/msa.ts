import { ZCommonTemplateVariables } from '../common-variables.js';
import type { ContractTemplate } from '../template.js';
import { additionalTermsSection, commercialVariables, PROVIDER_AND_CUSTOMER } from './shared-fragments.js';

const ZMsaVariables = ZCommonTemplateVariables.safeExtend({ ...commercialVariables });

export const MSA_TEMPLATE: ContractTemplate = {
  id: 'msa-v1',
  type: 'msa',
  name: 'MSA',
  description: 'Master services agreement: the framework terms that statements of work and order forms refer to.',
  variables: ZMsaVariables,
  title: 'Master Services Agreement',
  body: `This Master Services Agreement (the “Agreement”) is entered into as of {{effectiveDate}} (the “Effective Date”) by and between ${PROVIDER_AND_CUSTOMER}.

1. Scope

This Agreement sets out the terms on which Provider supplies services to Customer. The specific services, deliverables, fees and timelines are described in statements of work or order forms that reference this Agreement and are signed by both parties (each an “ordering document”), each of which forms part of this Agreement. If an ordering document conflicts with this Agreement, this Agreement prevails unless the ordering document expressly states that it overrides a named provision of this Agreement.

2. Term and Termination

{{clause:term-and-termination}}

Expiry or termination of this Agreement does not terminate any ordering document then in effect, which continues to be governed by this Agreement until it is completed or terminated in accordance with its terms.

3. Fees and Payment

{{clause:payment-terms}}

4. Intellectual Property

{{clause:ip-ownership}}

5. Confidentiality

{{clause:confidentiality}}

6. Data Protection

{{clause:data-protection}}

7. Warranties

{{clause:warranties}}

8. Indemnification

{{clause:indemnification}}

9. Limitation of Liability

{{clause:limitation-of-liability}}

10. Governing Law

{{clause:governing-law}}

11. Notices

{{clause:notices}}

12. General

{{clause:general-provisions}}

${additionalTermsSection(13)}

{{clause:signature-block}}`,
};
