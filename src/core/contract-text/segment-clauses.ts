/**
 * Splits contract text into sections (clauses) with character offsets into the original text,
 * so that `text.slice(start, end)` is always exactly the passage. Used for retrieval passages
 * and for showing a user where a term came from.
 */
export interface ClauseSegment {
  index: number;
  /** The heading line as written ("1. TERM", "ARTICLE IV"), when the section starts with one. */
  heading?: string;
  /** The heading number ("1", "1.1", "IV"), when there is one. */
  number?: string;
  start: number;
  end: number;
}

export interface SegmentOptions {
  /** Sections longer than this are cut into chunks of about this size. */
  maxChars?: number;
  /** Sections shorter than this (a bare heading, a page number) are merged into the next one. */
  minChars?: number;
}

const DEFAULT_MAX_CHARS = 1200;
const DEFAULT_MIN_CHARS = 120;

interface Line {
  start: number;
  end: number;
  text: string;
}

interface Heading {
  start: number;
  heading: string;
  number?: string;
}

const NUMBERED_HEADING = /^\s*(?:(?:ARTICLE|Article|SECTION|Section|Clause|CLAUSE)\s+)?((?:\d{1,2}|[IVXL]{1,6})(?:\.\d{1,2}){0,3})\.?(?=\s|$)\s*(\S.*)?$/;
const WORD_HEADING = /^\s*(ARTICLE|Article|SECTION|Section)\s+([IVXLC]+|\d+(?:\.\d+)*|[A-Z])\b/;
const ROMAN_ONLY = /^[IVXL]+$/;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start, end, text: text.slice(start, end) });
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

function isAllCapsHeading(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length < 4 || trimmed.length > 80) return false;
  const letters = trimmed.replace(/[^A-Za-z]/g, '');
  if (letters.length < 4) return false;
  // A heading is shouting, not a sentence: no lowercase and no sentence-ending punctuation.
  return letters === letters.toUpperCase() && !/[;,]$/.test(trimmed);
}

function detectHeading(line: Line): Heading | undefined {
  const trimmed = line.text.trim();
  if (!trimmed) return undefined;
  const leading = line.text.length - line.text.trimStart().length;
  const start = line.start + leading;
  const word = WORD_HEADING.exec(line.text);
  if (word) return { start, heading: trimmed.slice(0, 120), number: word[2]! };
  const numbered = NUMBERED_HEADING.exec(line.text);
  if (numbered) {
    const num = numbered[1]!;
    const rest = numbered[2] ?? '';
    // A lone number is usually a page number; a roman numeral needs to be followed by a title.
    const plausible = rest.length > 0 && /^[A-Z"“(]/.test(rest) && !(ROMAN_ONLY.test(num) && !/^[A-Z]/.test(rest));
    if (plausible && Number.parseInt(num, 10) !== 0) return { start, heading: trimmed.slice(0, 120), number: num };
  }
  if (isAllCapsHeading(trimmed)) return { start, heading: trimmed };
  return undefined;
}

/** Cuts [start, end) into chunks of about maxChars, preferring paragraph, then sentence breaks. */
function chunkRange(text: string, start: number, end: number, maxChars: number): Array<[number, number]> {
  const chunks: Array<[number, number]> = [];
  let cursor = start;
  while (end - cursor > maxChars * 1.25) {
    const windowEnd = cursor + maxChars;
    const minCut = cursor + Math.floor(maxChars * 0.5);
    const slice = text.slice(minCut, windowEnd);
    let cut = -1;
    const para = slice.lastIndexOf('\n\n');
    if (para !== -1) cut = minCut + para + 2;
    if (cut === -1) {
      const sentence = /[.;:]\s+(?=\S)/g;
      let m: RegExpExecArray | null;
      let last = -1;
      while ((m = sentence.exec(slice)) !== null) last = m.index + m[0].length;
      if (last !== -1) cut = minCut + last;
    }
    if (cut === -1) {
      const space = slice.lastIndexOf(' ');
      cut = space === -1 ? windowEnd : minCut + space + 1;
    }
    chunks.push([cursor, cut]);
    cursor = cut;
  }
  if (end > cursor) chunks.push([cursor, end]);
  return chunks;
}

function trimRange(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return [s, e];
}

/** Paragraph starts (after a blank line): the fallback when a text has no headings. */
function paragraphStarts(text: string): number[] {
  const starts = [0];
  const re = /\n[ \t]*\n\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) starts.push(m.index + m[0].length);
  return starts;
}

export function segmentClauses(text: string, options: SegmentOptions = {}): ClauseSegment[] {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const minChars = options.minChars ?? DEFAULT_MIN_CHARS;
  const headings = splitLines(text)
    .map(detectHeading)
    .filter((h): h is Heading => h !== undefined);

  // Section boundaries: headings if the text has enough of them, paragraphs otherwise.
  const boundaries: Array<{ start: number; heading?: Heading }> =
    headings.length >= 3 ? [{ start: 0 }, ...headings.map((h) => ({ start: h.start, heading: h }))] : paragraphStarts(text).map((start) => ({ start }));

  const raw: Array<{ start: number; end: number; heading?: Heading }> = [];
  for (let i = 0; i < boundaries.length; i++) {
    const b = boundaries[i]!;
    const end = i + 1 < boundaries.length ? boundaries[i + 1]!.start : text.length;
    if (end <= b.start) continue;
    const [s, e] = trimRange(text, b.start, end);
    if (e > s) raw.push({ start: s, end: e, ...(b.heading ? { heading: b.heading } : {}) });
  }

  // Merge fragments that are too short to be a passage on their own into the next one.
  const merged: typeof raw = [];
  let pending: (typeof raw)[number] | undefined;
  for (const section of raw) {
    if (pending) {
      const combined = { ...section, start: pending.start, ...(pending.heading ? { heading: pending.heading } : {}) };
      pending = undefined;
      if (combined.end - combined.start < minChars) pending = combined;
      else merged.push(combined);
    } else if (section.end - section.start < minChars) {
      pending = section;
    } else {
      merged.push(section);
    }
  }
  if (pending) {
    const last = merged[merged.length - 1];
    if (last) last.end = pending.end;
    else merged.push(pending);
  }

  const segments: ClauseSegment[] = [];
  for (const section of merged) {
    for (const [s, e] of chunkRange(text, section.start, section.end, maxChars)) {
      const [ts, te] = trimRange(text, s, e);
      if (te <= ts) continue;
      const segment: ClauseSegment = { index: segments.length, start: ts, end: te };
      if (section.heading) {
        segment.heading = section.heading.heading;
        if (section.heading.number !== undefined) segment.number = section.heading.number;
      }
      segments.push(segment);
    }
  }
  return segments;
}
