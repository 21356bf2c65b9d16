import { evidenceAt, type Evidenced } from '../extracted-terms.js';
import { preambleEnd } from './preamble.js';

const SUFFIX =
  '(?:Inc|Incorporated|LLC|L\\.L\\.C|Ltd|Limited|Corporation|Corp|Company|Co|L\\.P|LP|LLP|GmbH|AG|S\\.A|SA|B\\.V|BV|N\\.V|NV|plc|PLC|Pty|S\\.p\\.A|SE|Partnership|Trust|University|Bank|Association|Holdings|N\\.A)\\.?';
const SUFFIX_END = new RegExp(`(?:^|[\\s,])${SUFFIX}$`);
const WORD = "(?:[A-Z0-9][\\w'’&.\\-/]*|&)";
const CONNECTOR = '(?:of|de|du|la|van|von|der|for|the|and(?=\\s+[A-Z]\\w*\\s+(?:Company|Co\\.|Corporation|Association|Trust|Bank)))';
const GAP = '(?:[ \\t]+|[ \\t]*\\n[ \\t]*)';
const RUN = new RegExp(`${WORD}(?:(?:${GAP}|[ \\t]*,${GAP}?(?=${SUFFIX}\\b))(?:${WORD}|${CONNECTOR}(?=${GAP}[A-Z])))*`, 'g');
/** A parenthetical that defines a short name: ("Aduro"), (the "Company"), (hereinafter referred to as "CONSULTANT"). */
const DEFINITION = /\(\s*[^()"“”]{0,80}?["“”]+([^"“”]{1,40})["“”]+[^()]{0,80}\)/g;
const NOT_PARTY_TERM =
  /\b(?:agreement|contract|date|parties|party|term|territory|products?|plan|services?|amendment|act|offering|shares?|stock|code|program|exhibit|schedule|effective|commission|sec|fdic|saif|license|patents?|property|closing|business|affiliates?|purchaser?s?\b(?=.*s$))\b/i;
const JUNK_WORDS =
  /\b(?:agreement|contract|amendment|whereas|witnesseth|exhibit|schedule|section|article|january|february|march|april|may|june|july|august|september|october|november|december|street|avenue|road|suite|floor|box|boulevard|drive|state|commonwealth|province|laws?|county|confidential|redacted|dated|effective|page)\b/i;
const LEADING_NOISE = /^(?:(?:this|the\s+(?=[A-Z]+\b\s*$)|by|and|between|among|with|to|from|for|of)\s+)+/i;
const PARTY_CUE = /(?:between|among|amongst|by|and|with|,|:|\n)\s*$/i;

interface Candidate {
  start: number;
  end: number;
  name: string;
  suffix: boolean;
}

function cleanRun(text: string, start: number, end: number): Candidate | undefined {
  let s = start;
  let e = end;
  let name = text.slice(s, e);
  const lead = LEADING_NOISE.exec(name);
  if (lead) {
    s += lead[0].length;
    name = text.slice(s, e);
  }
  // A sentence-ending period belongs to the sentence unless it ends an abbreviation ("Inc.").
  while (/[.,'’\-/&]$/.test(name) && !SUFFIX_END.test(name)) {
    e -= 1;
    name = text.slice(s, e);
  }
  const collapsed = name.replace(/\s+/g, ' ').trim();
  if (collapsed.length < 2) return undefined;
  return { start: s, end: e, name: collapsed, suffix: SUFFIX_END.test(collapsed) };
}

function runsIn(text: string, from: number, to: number): Candidate[] {
  const out: Candidate[] = [];
  const slice = text.slice(from, to);
  RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RUN.exec(slice)) !== null) {
    const c = cleanRun(text, from + m.index, from + m.index + m[0].length);
    if (c) out.push(c);
  }
  return out;
}

function plausibleName(c: Candidate): boolean {
  if (JUNK_WORDS.test(c.name) && !c.suffix) return false;
  if (/\d/.test(c.name) && !c.suffix) return false;
  if (/^(?:the|a|an|inc|ltd|llc|company)\.?$/i.test(c.name)) return false;
  return c.name.length >= 3 && c.name.length <= 120;
}

function normalize(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The parties named in the preamble: each defining parenthetical ("the Company") closes a
 * stretch of text naming one party; inside it, a name with a corporate suffix wins, else the
 * first capitalised name after "between"/"and"/",".
 */
export function extractParties(text: string): Array<Evidenced<string>> {
  const end = preambleEnd(text, 5000);
  const found: Candidate[] = [];
  let segmentStart = 0;
  DEFINITION.lastIndex = 0;
  const preamble = text.slice(0, end);
  let m: RegExpExecArray | null;
  while ((m = DEFINITION.exec(preamble)) !== null) {
    const term = m[1]!.trim();
    const segment = [segmentStart, m.index] as const;
    segmentStart = m.index + m[0].length;
    if (NOT_PARTY_TERM.test(term) && !/^(?:company|the company)$/i.test(term)) continue;
    const runs = runsIn(text, segment[0], segment[1]).filter(plausibleName);
    const withSuffix = runs.find((r) => r.suffix);
    const cued = runs.filter((r) => PARTY_CUE.test(text.slice(Math.max(segment[0], r.start - 20), r.start)));
    const chosen = withSuffix ?? cued[cued.length - 1];
    if (chosen) found.push(chosen);
  }
  // Parties named with a corporate suffix in the "between ... and ..." sentence, even undefined.
  const between = /\b(?:between|among|amongst)\b/i.exec(preamble);
  if (between) {
    const sentenceEnd = preamble.slice(between.index).search(/\.\s*\n|\.\s+(?=[A-Z][a-z])/);
    const stop = sentenceEnd === -1 ? end : between.index + sentenceEnd + 1;
    for (const r of runsIn(text, between.index, stop)) if (r.suffix && plausibleName(r)) found.push(r);
  }
  const seen: string[] = [];
  const parties: Array<Evidenced<string>> = [];
  for (const c of found.sort((a, b) => a.start - b.start)) {
    const key = normalize(c.name);
    if (!key || seen.some((k) => k.includes(key) || key.includes(k))) continue;
    seen.push(key);
    parties.push({ value: c.name, evidence: evidenceAt(text, c.start, c.end) });
  }
  return parties.slice(0, 8);
}
