import { evidenceAt, type Evidenced } from '../extracted-terms.js';

const GOVERNING = /\b(?:governed|construed|interpreted|enforced|govern|governs)\b/i;
const LAWS_OF =
  /\blaws?\s+(?:of|in\s+force\s+in|applicable\s+in)\s+(?:the\s+)?(?:(?:State|Commonwealth|Province|Republic|Kingdom|Federal\s+Republic|People'?s\s+Republic|Territory)\s+of\s+(?:the\s+)?)?([A-Z][\w'’.-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w'’.-]*){0,5})/gi;
const STOP_WORDS = new Set([
  'without',
  'excluding',
  'exclusive',
  'applicable',
  'except',
  'regardless',
  'as',
  'which',
  'that',
  'in',
  'giving',
  'to',
  'for',
  'including',
  'other',
  'notwithstanding',
  'with',
  'and',
  'the',
  'shall',
  'will',
  'any',
  'its',
  'but',
  'this',
  'each',
  'all',
  'both',
  'such',
  'irrespective',
  'apart',
  'not',
  'then',
  'provided',
  'applied',
  'usa',
  'u.s.a',
  'u.s',
  'applicable',
  'governing',
  'from',
  'by',
  'on',
  'or',
  'under',
  'are',
  'is',
  'hereunder',
]);
const NOT_A_PLACE =
  /^(?:such|any|that|this|jurisdiction|country|state|province|agreement|the|a|an|said|each|those|these|another|other|its|his|her|their|which|whatever|conflicts?)$/i;

/** Cuts a captured name at the first word that cannot be part of a place name. */
function trimJurisdiction(raw: string): string[] {
  const words = raw.split(/\s+/);
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const bare = w.toLowerCase().replace(/[.,;:)]+$/, '');
    const englandAndWales = bare === 'and' && /^wales/i.test(words[i + 1] ?? '');
    if (STOP_WORDS.has(bare) && !englandAndWales) break;
    kept.push(w);
    if (/[,;:)]$/.test(w)) break;
  }
  return kept;
}

function titleCaseIfShouted(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .replace(/\b([a-z])/g, (c) => c.toUpperCase())
    .replace(/\bOf\b/g, 'of')
    .replace(/\bAnd\b/g, 'and');
}

/** The jurisdiction whose law governs ("the laws of the State of New York" -> "New York"). */
export function extractGoverningLaw(text: string): Evidenced<string> | null {
  const candidates: Array<Evidenced<string> & { score: number }> = [];
  LAWS_OF.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LAWS_OF.exec(text)) !== null) {
    const kept = trimJurisdiction(m[1]!);
    if (kept.length === 0 || !/^[A-Z]/.test(kept[0]!)) continue;
    const nameStart = m.index + m[0].length - m[1]!.length;
    // Length of the kept words in the raw text, so the evidence is an exact slice.
    const raw = new RegExp(kept.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+')).exec(m[1]!);
    if (!raw) continue;
    const name = raw[0].replace(/\s+/g, ' ').replace(/[.,;:)]+$/, '');
    if (NOT_A_PLACE.test(name)) continue;
    const window = text.slice(Math.max(0, m.index - 250), m.index + 40).replace(/\s+/g, ' ');
    if (!GOVERNING.test(window)) continue;
    // Corporate descriptions ("a corporation organized under the laws of Delaware") are not choices of law.
    const lead = text.slice(Math.max(0, m.index - 80), m.index).replace(/\s+/g, ' ');
    const corporate = /\b(?:organi[sz]ed|incorporated|existing|formed|registered|chartered)\b[^.;]*$/i.test(lead);
    const score = (/\bgovern/i.test(window) ? 2 : 1) - (corporate ? 3 : 0);
    const rawName = raw[0].replace(/[.,;:)]+$/, '');
    candidates.push({ value: titleCaseIfShouted(name), evidence: evidenceAt(text, nameStart, nameStart + rawName.length), score });
  }
  // Highest score wins; among equals the first, which is usually the governing-law clause itself.
  const best = candidates.filter((c) => c.score > 0).sort((a, b) => b.score - a.score)[0];
  return best ? { value: best.value, evidence: best.evidence } : null;
}
