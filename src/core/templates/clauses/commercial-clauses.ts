import type { Clause } from './clause.js';

export const PAYMENT_TERMS_CLAUSE: Clause = {
  id: 'payment-terms',
  title: 'Fees and Payment',
  text: `{{#if contractValue}}
The total fees payable under this Agreement are {{contractValue}}, invoiced at the times set out in the applicable ordering document or, if none are set out, monthly in arrears.
{{else}}
The fees payable under this Agreement are those set out in the applicable ordering document, invoiced at the times set out there or, if none are set out, monthly in arrears.
{{/if}}

Customer shall pay each undisputed invoice within {{paymentTermsDays|days}} after the date of the invoice.{{#if currency}} All amounts are stated and payable in {{currency}}.{{/if}} Fees are exclusive of value added, sales, use and similar taxes, which Customer shall pay in addition, except for taxes based on Provider’s net income.

If Customer disputes an invoice in good faith, it shall notify Provider in writing before the payment due date, setting out the reasons, and the parties shall work together in good faith to resolve the dispute promptly. Provider may, on fifteen (15) days’ written notice, suspend performance while any undisputed amount remains overdue.`,
};

export const IP_OWNERSHIP_CLAUSE: Clause = {
  id: 'ip-ownership',
  title: 'Intellectual Property',
  text: `Each party retains all right, title and interest in and to its intellectual property rights existing before the Effective Date or developed independently of this Agreement (“Background IP”). Nothing in this Agreement transfers ownership of either party’s Background IP.

Unless the applicable Statement of Work provides otherwise, upon full payment of the applicable fees Provider assigns to Customer all intellectual property rights in the deliverables created specifically for Customer under this Agreement, excluding Provider’s Background IP and any generally applicable tools, know-how and methodologies. To the extent any Provider Background IP is incorporated into a deliverable, Provider grants Customer a non-exclusive, perpetual, worldwide, royalty-free licence to use it as part of that deliverable.`,
};

export const WARRANTIES_CLAUSE: Clause = {
  id: 'warranties',
  title: 'Warranties',
  text: `Each party warrants that it has full power and authority to enter into and perform this Agreement. Provider warrants that it will perform the services with reasonable skill and care, in a professional and workmanlike manner consistent with generally accepted industry standards, and in compliance with applicable law.

EXCEPT AS EXPRESSLY SET OUT IN THIS AGREEMENT, NEITHER PARTY MAKES ANY OTHER WARRANTY, EXPRESS OR IMPLIED, INCLUDING ANY IMPLIED WARRANTY OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE OR NON-INFRINGEMENT, ALL OF WHICH ARE DISCLAIMED TO THE FULLEST EXTENT PERMITTED BY LAW.`,
};

export const INDEMNIFICATION_CLAUSE: Clause = {
  id: 'indemnification',
  title: 'Indemnification',
  text: `Provider shall defend Customer against any claim by a third party alleging that the services or deliverables, as provided by Provider, infringe that third party’s intellectual property rights, and shall indemnify Customer against all damages, costs and reasonable legal fees finally awarded or agreed in settlement of such a claim.

The indemnified party shall (a) notify the indemnifying party promptly in writing of the claim; (b) give the indemnifying party sole control of its defence and settlement, provided that no settlement may impose any liability or admission on the indemnified party without its prior written consent; and (c) provide reasonable cooperation at the indemnifying party’s expense.`,
};

export const LIMITATION_OF_LIABILITY_CLAUSE: Clause = {
  id: 'limitation-of-liability',
  title: 'Limitation of Liability',
  text: `NEITHER PARTY SHALL BE LIABLE TO THE OTHER FOR ANY INDIRECT, INCIDENTAL, SPECIAL, CONSEQUENTIAL OR PUNITIVE DAMAGES, OR FOR ANY LOSS OF PROFITS, REVENUE, GOODWILL OR DATA, HOWEVER ARISING, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGES.

Each party’s total aggregate liability arising out of or in connection with this Agreement shall not exceed the fees paid and payable by Customer under this Agreement in the {{liabilityCapMonths|months}} immediately preceding the event giving rise to the claim.

The limitations in this section do not apply to a party’s payment obligations, its indemnification obligations, its breach of the confidentiality obligations, or liability that cannot be limited or excluded under applicable law, including liability for death or personal injury caused by negligence, fraud or wilful misconduct.`,
};
