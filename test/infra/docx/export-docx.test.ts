import { renderTemplate } from '../../../src/core/templates/render-template.js';
import { docxExporter, exportContractDocx } from '../../../src/infra/docx/export-docx.js';
import { readZipEntries } from './read-zip.js';

const variables = {
  companyName: 'Northwind Ltd',
  counterpartyName: 'Acme Corp',
  effectiveDate: '2026-03-01',
  termMonths: 12,
  autoRenews: true,
  renewalTermMonths: 12,
  noticePeriodDays: 60,
  governingLaw: 'the State of New York',
  ownerName: 'Dana Reyes',
};

/** Word splits text into runs but keeps each of our paragraphs' lines in one <w:t>. */
const textOf = (xml: string): string => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');

describe('exportContractDocx', () => {
  it('writes a .docx with the title, numbered headings, clause text and the reference on every page', async () => {
    const draft = renderTemplate('nda', variables);
    const docx = await exportContractDocx({ ref: 'C-2026-0042', title: draft.title, text: draft.text, version: 2 });

    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const entries = readZipEntries(docx);
    const documentXml = entries.get('word/document.xml')?.toString('utf8');
    expect(documentXml).toBeDefined();
    const text = textOf(documentXml!);
    expect(text).toContain('Mutual Non-Disclosure Agreement');
    expect(text).toContain('this Agreement renews automatically for a further period of 12 months');
    expect(text).toContain('at least 60 days before the end of the then-current term');
    expect(documentXml).toMatch(/<w:pStyle w:val="Title"\/>/);
    expect(documentXml).toMatch(/<w:pStyle w:val="Heading1"\/><\/w:pPr><w:r><w:t xml:space="preserve">3\. Term and Termination<\/w:t>/);

    const headerAndFooter = [...entries].filter(([name]) => /^word\/(header|footer)\d*\.xml$/.test(name));
    expect(headerAndFooter.length).toBeGreaterThanOrEqual(2);
    for (const [, xml] of headerAndFooter) expect(textOf(xml.toString('utf8'))).toContain('C-2026-0042 · Version 2');
  });

  it('keeps the lines of a signature block together as line breaks in one paragraph', async () => {
    const docx = await docxExporter.exportDocx({
      ref: 'C-2026-0001',
      title: 'Order Form',
      text: '1. Order Details\n\nFees: $25,000.00\nBilling: annually in advance',
      version: 1,
    });
    const documentXml = readZipEntries(docx).get('word/document.xml')!.toString('utf8');
    expect(documentXml).toMatch(/Fees: \$25,000\.00<\/w:t><\/w:r><w:r><w:br\/><w:t[^>]*>Billing: annually in advance/);
  });

  it('escapes XML characters in contract text', async () => {
    const docx = await exportContractDocx({ ref: 'C-2026-0003', title: 'R&D <Pilot> Agreement', text: 'Fees < $5 & "net" 30.', version: 1 });
    const documentXml = readZipEntries(docx).get('word/document.xml')!.toString('utf8');
    expect(documentXml).toContain('R&amp;D &lt;Pilot&gt; Agreement');
    expect(documentXml).toContain('Fees &lt; $5 &amp;');
  });
});
