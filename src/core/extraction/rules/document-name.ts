import { evidenceAt, type Evidenced } from '../extracted-terms.js';
import { preambleEnd } from './preamble.js';

const TITLE_WORD =
  /\b(?:agreement|contract|amendment|addendum|license|licence|lease|memorandum|understanding|plan|deed|charter|terms\s+and\s+conditions|order|protocol|letter|statement\s+of\s+work|guaranty|guarantee|note|assignment|consent|arrangement|manual)\b/i;
const NOT_TITLE =
  /\b(?:confidential|redacted|omitted|commission|securities|exhibit\s+\d|page\s+\d|table\s+of\s+contents|portions?|treatment|filed|pursuant)\b/i;
const INLINE_NAME = /\b[Tt]his\s+((?:[A-Z][\w&'’-]*\s+){0,8}?(?:Agreement|Contract|Amendment|Addendum|License|Lease))\b/;

/** Trims a title line: drops "Exhibit 10.1"-style prefixes and trailing rules ("-----"). */
function cleanTitle(line: string, lineStart: number): { start: number; end: number } {
  let s = 0;
  let e = line.length;
  const prefix = /^\s*(?:exhibit\s+[\w.-]+\s*[:-]?\s*)?/i.exec(line);
  if (prefix) s = prefix[0].length;
  const tail = /\s{3,}|\s*[-_=*]{3,}/.exec(line.slice(s));
  if (tail) e = s + tail.index;
  while (e > s && /[\s.,:;]/.test(line[e - 1]!)) e--;
  return { start: lineStart + s, end: lineStart + e };
}

/** The contract's title: the first title-like line at the top, else "This X Agreement". */
export function extractDocumentName(text: string): Evidenced<string> | null {
  const end = Math.min(preambleEnd(text, 5000), 5000);
  let offset = 0;
  for (const line of text.slice(0, end).split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const trimmed = line.trim();
    if (trimmed.length < 5 || trimmed.length > 150) continue;
    if (!TITLE_WORD.test(trimmed) || NOT_TITLE.test(trimmed)) continue;
    const letters = trimmed.replace(/[^A-Za-z]/g, '');
    const upper = letters.replace(/[^A-Z]/g, '').length / Math.max(1, letters.length);
    const titleCase = trimmed.split(/\s+/).filter((w) => /^[A-Z]/.test(w)).length >= trimmed.split(/\s+/).length * 0.6;
    // Title lines are shouted or Title Cased and do not read like a sentence.
    if (upper < 0.8 && !(titleCase && trimmed.split(/\s+/).length <= 10)) continue;
    const range = cleanTitle(line, lineStart);
    if (range.end - range.start < 5) continue;
    const value = text.slice(range.start, range.end);
    if (!TITLE_WORD.test(value)) continue;
    return { value: value.replace(/\s+/g, ' '), evidence: evidenceAt(text, range.start, range.end) };
  }
  const inline = INLINE_NAME.exec(text.slice(0, end));
  if (inline) {
    const start = inline.index + inline[0].indexOf(inline[1]!);
    return { value: inline[1]!.replace(/\s+/g, ' '), evidence: evidenceAt(text, start, start + inline[1]!.length) };
  }
  return null;
}
