import { PDFDocument, StandardFonts } from 'pdf-lib';
import { exportContractDocx } from '../../../src/infra/docx/export-docx.js';

/** A text PDF with the given lines (pdf-lib, Helvetica), paginated. */
export async function textPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const lines = text.split('\n').flatMap((line) => {
    // Wrap long lines so every word stays on the page.
    const out: string[] = [];
    let current = '';
    for (const word of line.split(' ')) {
      if (`${current} ${word}`.length > 95) {
        out.push(current);
        current = word;
      } else current = current ? `${current} ${word}` : word;
    }
    out.push(current);
    return out;
  });
  let page = doc.addPage();
  let y = 760;
  for (const line of lines) {
    if (y < 40) {
      page = doc.addPage();
      y = 760;
    }
    page.drawText(line.replace(/[“”]/g, '"'), { x: 40, y, size: 10, font });
    y -= 14;
  }
  return doc.save();
}

/** A "scanned" PDF: a page with a drawn image and no text operators at all. */
export async function scannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // A 1x1 PNG, stretched over the page as a scan would be.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const image = await doc.embedPng(png);
  const page = doc.addPage();
  page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  doc.addPage().drawImage(image, { x: 0, y: 0, width: 600, height: 800 });
  return doc.save();
}

/** A PDF with a standard-security /Encrypt dictionary whose user password is not empty. */
export function encryptedPdf(): Uint8Array {
  const hex = (n: number) => 'ab'.repeat(n);
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32)}> /U <${hex(32)}> /P -4 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${hex(16)}><${hex(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** A DOCX made by Clause's own exporter. */
export async function contractDocx(title: string, text: string): Promise<Uint8Array> {
  return new Uint8Array(await exportContractDocx({ ref: 'C-2026-0001', title, text, version: 1 }));
}
