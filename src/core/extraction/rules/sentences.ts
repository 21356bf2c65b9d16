/** Sentence ranges, good enough for contracts: ends at ". " / ";\n" / blank lines, not at "Inc. " */

export interface Range {
  start: number;
  end: number;
}

const ABBREVIATIONS =
  /\b(?:Inc|Corp|Co|Ltd|No|Nos|Sec|Art|St|Mr|Ms|Mrs|Dr|U\.S|N\.A|L\.P|L\.L\.C|S\.A|B\.V|N\.V|e\.g|i\.e|etc|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$/;

export function sentenceRanges(text: string): Range[] {
  const ranges: Range[] = [];
  const boundary = /(?<=[.!?])\s+(?=["“(]?[A-Z0-9])|\n[ \t]*\n/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = boundary.exec(text)) !== null) {
    const before = text.slice(Math.max(start, m.index - 12), m.index);
    if (m[0].includes('\n\n') === false && ABBREVIATIONS.test(before)) continue;
    if (m.index > start) ranges.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) ranges.push({ start, end: text.length });
  return ranges;
}

/** Sentences whose text matches `pattern` (tested on a whitespace-collapsed copy). */
function _sentencesMatching(text: string, sentences: Range[], pattern: RegExp): Range[] {
  return sentences.filter((s) => pattern.test(text.slice(s.start, s.end).replace(/\s+/g, ' ')));
}
