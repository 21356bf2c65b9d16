import type { Clause } from './clause.js';

export const GOVERNING_LAW_CLAUSE: Clause = {
  id: 'governing-law',
  title: 'Governing Law and Jurisdiction',
  text: `This Agreement and any dispute or claim arising out of or in connection with it, including non-contractual disputes or claims, are governed by and construed in accordance with the laws of {{governingLaw}}, without regard to its conflict of laws principles. Each party irrevocably submits to the exclusive jurisdiction of the courts of {{governingLaw}} to settle any such dispute or claim, without prejudice to either party’s right to seek urgent injunctive relief in any court of competent jurisdiction.`,
};

export const NOTICES_CLAUSE: Clause = {
  id: 'notices',
  title: 'Notices',
  text: `Notices under this Agreement must be in writing and delivered by hand, by recognised courier or by e-mail to the address a party has designated for notices, and are effective on receipt. Notices to {{companyName}} shall be marked for the attention of {{ownerName}}. A notice of breach, termination or non-renewal sent by e-mail must be confirmed by one of the other methods.`,
};

export const GENERAL_PROVISIONS_CLAUSE: Clause = {
  id: 'general-provisions',
  title: 'General',
  text: `Neither party may assign or transfer this Agreement without the prior written consent of the other party, not to be unreasonably withheld, except to a successor to all or substantially all of its business or assets relating to this Agreement. No amendment or waiver is effective unless in writing and signed by both parties. If any provision is held invalid or unenforceable, the remaining provisions continue in full force and effect. The parties are independent contractors, and nothing in this Agreement creates a partnership, joint venture or agency relationship.

This Agreement constitutes the entire agreement between the parties relating to its subject matter and supersedes all prior proposals, negotiations and understandings, whether written or oral. This Agreement may be executed in counterparts, including by electronic signature, each of which is an original and all of which together constitute one instrument.`,
};

export const SIGNATURE_BLOCK_CLAUSE: Clause = {
  id: 'signature-block',
  title: 'Signatures',
  text: `IN WITNESS WHEREOF, the parties have caused this Agreement to be executed by their duly authorised representatives as of the Effective Date.

{{companyName}}
By: ______________________________
Name: ____________________________
Title: _____________________________
Date: _____________________________

{{counterpartyName}}
By: ______________________________
Name: ____________________________
Title: _____________________________
Date: _____________________________`,
};
