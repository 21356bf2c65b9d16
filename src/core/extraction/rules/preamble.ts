/**
 * The opening of a contract (title, parties, date) ends where the recitals or the first
 * operative clause begin. Capped so a contract without recitals does not hand us its body.
 */
const PREAMBLE_END =
  /\b(?:WHEREAS|W\s?I\s?T\s?N\s?E\s?S\s?S\s?E\s?T\s?H|RECITALS?|BACKGROUND|NOW,?\s+THEREFORE|IN CONSIDERATION OF|agree as follows|agrees? as follows)\b|\n\s*(?:1\.|1\s|ARTICLE\s+(?:1|I)\b|Section\s+1\b)/;

export function preambleEnd(text: string, maxChars = 4000, minChars = 300): number {
  const head = text.slice(0, maxChars);
  const re = new RegExp(PREAMBLE_END.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(head)) !== null) {
    if (m.index >= minChars) return m.index;
  }
  return head.length;
}
