/**
 * EDGAR filings carry a footer on every page ("Source: ACME CORP, 8-K, 3/5/2019") and page
 * numbers; their dates and words are not the contract's. Blanking them (each character becomes a
 * space, so every offset stays the same) keeps them out of key-term extraction and the index.
 */
const FOOTER_LINE = /^[ \t]*(?:Source:[^\n]*,\s*\d{1,2}\/\d{1,2}\/\d{2,4}[ \t]*|(?:Page\s+)?-?[ \t]*\d{1,3}[ \t]*-?(?:[ \t]+of[ \t]+\d{1,3})?[ \t]*)$/gim;

export function blankPageFooters(text: string): string {
  return text.replace(FOOTER_LINE, (line) => (line.trim() ? ' '.repeat(line.length) : line));
}
