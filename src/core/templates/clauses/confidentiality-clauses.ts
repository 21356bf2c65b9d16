import type { Clause } from './clause.js';

export const CONFIDENTIALITY_CLAUSE: Clause = {
  id: 'confidentiality',
  title: 'Confidentiality',
  text: `“Confidential Information” means all non-public information disclosed by or on behalf of a party (the “Disclosing Party”) to the other party (the “Receiving Party”), whether orally, visually or in writing, that is designated as confidential or that a reasonable person would understand to be confidential given the nature of the information and the circumstances of disclosure.

The Receiving Party shall (a) use the Disclosing Party’s Confidential Information solely to exercise its rights and perform its obligations under this Agreement; (b) not disclose it to any third party other than its employees, officers, contractors and professional advisers who need to know it for that purpose and are bound by obligations of confidentiality no less protective than those set out here; and (c) protect it using at least the degree of care it uses to protect its own confidential information of a similar nature, and in no event less than reasonable care.

{{clause:confidentiality-exclusions}}

{{clause:compelled-disclosure}}`,
};

export const CONFIDENTIALITY_EXCLUSIONS_CLAUSE: Clause = {
  id: 'confidentiality-exclusions',
  title: 'Exclusions from Confidential Information',
  text: `Confidential Information does not include information that the Receiving Party can demonstrate by written records (a) is or becomes generally available to the public through no breach of this Agreement by the Receiving Party; (b) was lawfully known to the Receiving Party without restriction before its disclosure by the Disclosing Party; (c) is lawfully received from a third party without a duty of confidentiality; or (d) is independently developed by the Receiving Party without use of or reference to the Disclosing Party’s Confidential Information.`,
};

export const COMPELLED_DISCLOSURE_CLAUSE: Clause = {
  id: 'compelled-disclosure',
  title: 'Compelled Disclosure',
  text: `The Receiving Party may disclose Confidential Information to the extent required by law, regulation or the order of a court or governmental authority of competent jurisdiction, provided that, where legally permitted, it gives the Disclosing Party prompt written notice of the requirement and reasonable assistance so that the Disclosing Party may seek a protective order or other appropriate remedy, and discloses only that portion of the Confidential Information that it is legally required to disclose.`,
};

export const RETURN_OF_MATERIALS_CLAUSE: Clause = {
  id: 'return-of-materials',
  title: 'Return or Destruction of Materials',
  text: `Upon the Disclosing Party’s written request, or upon expiry or termination of this Agreement, the Receiving Party shall promptly return or destroy all Confidential Information of the Disclosing Party in its possession or control and, on request, certify in writing that it has done so. The Receiving Party may retain copies required to be kept by law or held in routine electronic back-up systems, which remain subject to this Agreement for as long as they are retained.`,
};

export const DATA_PROTECTION_CLAUSE: Clause = {
  id: 'data-protection',
  title: 'Data Protection',
  text: `Each party shall comply with all data protection and privacy laws applicable to its processing of personal data in connection with this Agreement. To the extent one party processes personal data on behalf of the other, the parties shall enter into a data processing agreement that meets the requirements of applicable law before any such processing begins, and the processing party shall (a) process personal data only on documented instructions; (b) implement appropriate technical and organisational security measures; (c) notify the other party without undue delay, and in any event within 72 hours, after becoming aware of a personal data breach; and (d) delete or return personal data at the end of the services.`,
};
