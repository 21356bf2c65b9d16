import { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { DocumentExporter, DocumentExportInput } from '../../core/ports/document-exporter.js';

/** "3. Term and Termination": a short numbered line with no closing full stop, alone in its paragraph. */
const SECTION_HEADING_RE = /^\d{1,2}\.\s+\S.{0,100}$/;
/** "9.2 Intellectual Property": a sub-section heading. */
const SUBSECTION_HEADING_RE = /^\d{1,2}\.\d{1,2}\.?\s+\S.{0,100}$/;

function isHeadingLine(line: string, pattern: RegExp): boolean {
  return pattern.test(line) && !/[.;:,]$/.test(line);
}

/** One Word paragraph per blank-line-separated block; lines inside a block become line breaks. */
function toParagraphs(text: string): Paragraph[] {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean);
  return blocks.map((block) => {
    if (!block.includes('\n')) {
      if (isHeadingLine(block, SUBSECTION_HEADING_RE)) return new Paragraph({ text: block, heading: HeadingLevel.HEADING_2 });
      if (isHeadingLine(block, SECTION_HEADING_RE)) return new Paragraph({ text: block, heading: HeadingLevel.HEADING_1 });
    }
    const lines = block.split('\n');
    return new Paragraph({
      alignment: lines.length === 1 ? AlignmentType.JUSTIFIED : AlignmentType.LEFT,
      spacing: { after: 160 },
      children: lines.map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) })),
    });
  });
}

/** A contract version as a .docx: title, numbered section headings, reference and version on every page. */
export async function exportContractDocx(input: DocumentExportInput): Promise<Buffer> {
  const label = `${input.ref} · Version ${input.version}`;
  const document = new Document({
    title: input.title,
    subject: input.ref,
    creator: 'Clause',
    description: `${input.title} (${label})`,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      {
        headers: {
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: label, size: 18, color: '666666' })] })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [`${label} · Page `, PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18, color: '666666' })],
              }),
            ],
          }),
        },
        children: [new Paragraph({ text: input.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }), ...toParagraphs(input.text)],
      },
    ],
  });
  return Packer.toBuffer(document);
}

export const docxExporter: DocumentExporter = { exportDocx: exportContractDocx };
