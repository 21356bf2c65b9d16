/**
 * The standard terms an SOW or order form carries itself when no MSA governs it, as numbered
 * sub-sections of its "Governing Terms" section (9.1, 9.2 … in an SOW).
 */
const SUBSECTIONS: readonly [title: string, clauseId: string][] = [
  ['Confidentiality', 'confidentiality'],
  ['Intellectual Property', 'ip-ownership'],
  ['Data Protection', 'data-protection'],
  ['Warranties', 'warranties'],
  ['Indemnification', 'indemnification'],
  ['Limitation of Liability', 'limitation-of-liability'],
  ['General', 'general-provisions'],
];

export function standardTermsWithoutMsa(sectionNumber: number): string {
  return SUBSECTIONS.map(([title, clauseId], i) => `${sectionNumber}.${i + 1} ${title}\n\n{{clause:${clauseId}}}`).join('\n\n');
}
