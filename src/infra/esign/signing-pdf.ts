import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { DocumentExportInput } from '../../core/ports/document-exporter.js';

/** A signature box on the signing page, in percent of the page (Documenso's field coordinates). */
export interface SignatureBox {
  page: number;
  positionX: number;
  positionY: number;
  width: number;
  height: number;
}

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 56;
const SIZE = 10;
const LEADING = 14;

/** The standard PDF fonts only encode WinAnsi: anything else becomes '?'. */
function winAnsi(text: string): string {
  return text.replace(/[^\x20-\x7E\xA0-\xFF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u20AC]/g, (c) => (c === '\t' ? '    ' : '?'));
}

/**
 * Renders a contract version as a plain PDF (the text, a header with the reference on every
 * page) with a last page that has one signature box per signer, for providers that sign PDFs.
 */
export async function renderSigningPdf(
  input: DocumentExportInput,
  signers: ReadonlyArray<{ name: string }>,
): Promise<{ bytes: Uint8Array; boxes: SignatureBox[] }> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${input.ref} ${input.title}`);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const maxWidth = PAGE.width - 2 * MARGIN;
  let page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;
  const header = () => {
    page.drawText(winAnsi(`${input.ref} - ${input.title} - version ${input.version}`), {
      x: MARGIN,
      y: PAGE.height - 30,
      size: 8,
      font,
      color: rgb(0.4, 0.4, 0.4),
    });
  };
  header();
  const newPage = () => {
    page = pdf.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - MARGIN;
    header();
  };
  const line = (text: string, f = font) => {
    if (y < MARGIN) newPage();
    page.drawText(text, { x: MARGIN, y, size: SIZE, font: f });
    y -= LEADING;
  };
  for (const paragraph of winAnsi(input.text).split(/\n/)) {
    if (paragraph.trim() === '') {
      y -= LEADING / 2;
      continue;
    }
    let current = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = current ? `${current} ${word}` : word;
      if (font.widthOfTextAtSize(next, SIZE) > maxWidth && current) {
        line(current);
        current = word;
      } else current = next;
    }
    if (current) line(current);
  }
  newPage();
  line('Signatures', bold);
  y -= LEADING;
  const boxes: SignatureBox[] = [];
  const pageIndex = pdf.getPageCount();
  const boxHeight = 60;
  for (const signer of signers) {
    if (y - boxHeight - 30 < MARGIN) break; // more signers than fit: the provider places the rest
    line(winAnsi(signer.name), bold);
    const top = y;
    page.drawRectangle({ x: MARGIN, y: top - boxHeight, width: 240, height: boxHeight, borderColor: rgb(0.6, 0.6, 0.6), borderWidth: 0.5 });
    boxes.push({
      page: pageIndex,
      positionX: (MARGIN / PAGE.width) * 100,
      positionY: ((PAGE.height - top) / PAGE.height) * 100,
      width: (240 / PAGE.width) * 100,
      height: (boxHeight / PAGE.height) * 100,
    });
    y = top - boxHeight - 30;
  }
  return { bytes: await pdf.save(), boxes };
}
