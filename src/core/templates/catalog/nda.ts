import { z } from 'zod';
import { positiveWholeNumber, templateText, ZCommonTemplateVariables } from '../common-variables.js';
import type { ContractTemplate } from '../template.js';
import { additionalTermsSection } from './shared-fragments.js';

const ZNdaVariables = ZCommonTemplateVariables.safeExtend({
  /** Mutual by default: most NDAs a sales team asks for go both ways. */
  mutual: z.boolean().default(true),
  purpose: templateText(500).default('evaluating a potential business relationship'),
  /** How long confidentiality obligations last after the agreement ends. */
  confidentialityYears: positiveWholeNumber(20).default(3),
});

export const NDA_TEMPLATE: ContractTemplate = {
  id: 'nda-v1',
  type: 'nda',
  name: 'NDA',
  description: 'Non-disclosure agreement, mutual by default or one-way with our company disclosing.',
  variables: ZNdaVariables,
  title: '{{#if mutual}}Mutual {{/if}}Non-Disclosure Agreement',
  body: `This {{#if mutual}}Mutual {{/if}}Non-Disclosure Agreement (the “Agreement”) is entered into as of {{effectiveDate}} (the “Effective Date”) by and between {{companyName}} and {{counterpartyName}} (each a “party” and together the “parties”).

{{#if mutual}}
The parties wish to exchange certain confidential information for the purpose of {{purpose}} (the “Purpose”) and therefore agree as follows.
{{else}}
{{companyName}} (the “Disclosing Party”) wishes to disclose certain confidential information to {{counterpartyName}} (the “Receiving Party”) for the purpose of {{purpose}} (the “Purpose”), and the parties therefore agree as follows.
{{/if}}

1. Confidential Information

{{#if mutual}}
“Confidential Information” means all non-public information disclosed by either party (in that capacity, the “Disclosing Party”) to the other party (in that capacity, the “Receiving Party”) in connection with the Purpose, whether before or after the Effective Date and whether orally, visually or in writing, that is designated as confidential or that a reasonable person would understand to be confidential given the nature of the information and the circumstances of disclosure.
{{else}}
“Confidential Information” means all non-public information disclosed by the Disclosing Party to the Receiving Party in connection with the Purpose, whether before or after the Effective Date and whether orally, visually or in writing, that is designated as confidential or that a reasonable person would understand to be confidential given the nature of the information and the circumstances of disclosure.
{{/if}}

{{clause:confidentiality-exclusions}}

2. Obligations of the Receiving Party

The Receiving Party shall (a) use the Confidential Information solely for the Purpose; (b) not disclose it to any person other than its employees, officers, contractors and professional advisers who need to know it for the Purpose and are bound by obligations of confidentiality no less protective than those in this Agreement; (c) protect it using at least the degree of care it uses to protect its own confidential information of a similar nature, and in no event less than reasonable care; and (d) notify the Disclosing Party promptly upon becoming aware of any unauthorised use or disclosure. The Receiving Party is responsible for any breach of this Agreement by the persons to whom it discloses Confidential Information.

{{clause:compelled-disclosure}}

3. Term and Termination

{{clause:term-and-termination}}

The Receiving Party’s obligations under this Agreement continue for {{confidentialityYears|years}} after its expiry or termination and, for any trade secret, for as long as it remains a trade secret under applicable law.

4. Return of Materials

{{clause:return-of-materials}}

5. No Licence and No Obligation

All Confidential Information remains the property of the Disclosing Party. Nothing in this Agreement grants the Receiving Party any licence or other right in the Confidential Information except the limited right to use it for the Purpose. Confidential Information is provided “as is”, without warranty of any kind. Neither party is obliged by this Agreement to enter into any further agreement or transaction.

6. Remedies

Unauthorised use or disclosure of Confidential Information may cause the Disclosing Party irreparable harm for which damages would not be an adequate remedy. The Disclosing Party is therefore entitled to seek injunctive or other equitable relief, without the need to post a bond, in addition to any other remedy available to it.

7. Governing Law

{{clause:governing-law}}

8. Notices

{{clause:notices}}

9. General

{{clause:general-provisions}}

${additionalTermsSection(10)}

{{clause:signature-block}}`,
};
