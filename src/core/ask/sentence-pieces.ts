import { sentenceRanges } from '../extraction/rules/sentences.js';

export interface Piece {
  start: number;
  end: number;
}

/** Sentences of a text, also cut at line breaks so a heading is never part of a quote. */
function _sentencePieces(text: string): Piece[] {
  return sentenceRanges(text).flatMap((r) => {
    const out: Piece[] = [];
    let start = r.start;
    for (const line of text.slice(r.start, r.end).split('\n')) {
      const lead = line.length - line.trimStart().length;
      const body = line.trim();
      if (body.length > 0) out.push({ start: start + lead, end: start + lead + body.length });
      start += line.length + 1;
    }
    return out;
  });
}

/**
 * Pieces joined back across line breaks inside one sentence: contracts wrap lines, so a sentence
 * cut at every line break would quote half a clause. A line that is a heading, a signature line
 * or a page footer stays on its own.
 */
export function quotablePieces(text: string): Piece[] {
  const out: Piece[] = [];
  for (const r of sentenceRanges(text)) {
    let current: Piece | undefined;
    let start = r.start;
    for (const line of text.slice(r.start, r.end).split('\n')) {
      const lead = line.length - line.trimStart().length;
      const body = line.trim();
      const piece = { start: start + lead, end: start + lead + body.length };
      start += line.length + 1;
      if (body.length === 0) continue;
      if (nonAnswerKind(body)) {
        if (current) out.push(current);
        out.push(piece);
        current = undefined;
      } else if (current) current.end = piece.end;
      else current = piece;
    }
    if (current) out.push(current);
  }
  return out;
}

const MINOR_WORDS = new Set(['of', 'and', 'the', 'to', 'for', 'in', 'on', 'a', 'an', 'or', 'by', 'with', 'at', 'its', 'not', 'no']);

/** "9.5 Limitation of Liability." / "ARTICLE IV - TERM": a heading, not something to quote. */
export function isHeading(line: string): boolean {
  const s = line.trim();
  if (s.length < 100 && !/[a-z]/.test(s)) return true;
  const body = s.replace(/^(?:(?:article|section|clause)\s+)?(?:[\dIVXLivxl]+(?:\.\d+)*|\([a-z0-9]+\)|[a-z]\))\.?\s*/i, '').replace(/[.:;\s-]+$/, '');
  const w = body.split(/\s+/).filter(Boolean);
  if (w.length === 0) return true;
  if (w.length > 9 || /[,;]/.test(body)) return false;
  const significant = w.filter((x) => !MINOR_WORDS.has(x.toLowerCase()));
  return significant.length > 0 && significant.every((x) => /^[A-Z0-9("“'-]/.test(x));
}

/** "By: ____", "Name: John Smith", "Title: President", "/s/ Jane Doe": a signature block line. */
export function isSignatureLine(line: string): boolean {
  const s = line.trim();
  return (
    /^(?:by|name|title|its|date|dated|signature|signed|print(?:ed)?\s+name|witness|attest|address|telephone|phone|fax|facsimile|e-?mail|attention|attn)\s*:/i.test(
      s,
    ) ||
    /\/s\//.test(s) ||
    /_{4,}/.test(s) ||
    (/^(?:in witness whereof)\b/i.test(s) && s.length < 400)
  );
}

/** EDGAR page footers and page numbers: "Source: ACME CORP, 8-K, 3/5/2019", "Page 3 of 12", "- 7 -". */
export function isFooterLine(line: string): boolean {
  const s = line.trim();
  return /^source:\s/i.test(s) || /^(?:page\s+)?-?\s*\d+\s*-?(?:\s+of\s+\d+)?$/i.test(s) || /^page\s+\d+/i.test(s);
}

export function nonAnswerKind(line: string): 'heading' | 'signature' | 'footer' | undefined {
  if (isFooterLine(line)) return 'footer';
  if (isSignatureLine(line)) return 'signature';
  if (isHeading(line)) return 'heading';
  return undefined;
}
