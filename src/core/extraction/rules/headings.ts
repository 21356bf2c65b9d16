/** Section numbers as contracts write them: "4.", "4.1", "Section 4", "ARTICLE IV", "IV.", "Section III". */

const ROMAN = /^(X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10 };

/**
 * A Roman numeral from I to XXX, written in one case ("IV", "iv"); undefined for anything else
 * ("IIII", "VX", "XL", "", mixed case).
 */
export function parseRomanNumeral(text: string): number | undefined {
  if (text === '' || (text !== text.toUpperCase() && text !== text.toLowerCase())) return undefined;
  const upper = text.toUpperCase();
  if (!ROMAN.test(upper)) return undefined;
  let total = 0;
  for (let i = 0; i < upper.length; i++) {
    const v = ROMAN_VALUES[upper[i]!]!;
    const next = ROMAN_VALUES[upper[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total >= 1 && total <= 30 ? total : undefined;
}

/**
 * The number that starts a heading, for regular expressions with the `i` flag: "4", "4.1.2",
 * "IV", "iv.2", optionally after "Article", "Section", "Clause" or "Part", with a trailing dot.
 */
export const HEADING_NUMBER = String.raw`(?:(?:article|section|clause|part)\s+)?(?:\d+(?:\.\d+)*|[ivx]{1,6}(?:\.\d+)*)\b\.?`;
