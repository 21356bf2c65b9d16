import { parseAmountToMinor, type Money } from '../../domain/money.js';
import { evidenceAt, type Evidenced } from '../extracted-terms.js';

const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', US$: 'USD', '€': 'EUR', '£': 'GBP' };
const AMOUNT = /(US\$|\$|€|£|\b(?:USD|EUR|GBP|CAD|AUD|CHF)\s?)\s?(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)(?:\s+(million|billion))?/g;
const VALUE_CUE = /\b(?:total|aggregate|contract\s+(?:price|value|sum)|purchase\s+price|consideration|fee|fees|compensation|not\s+to\s+exceed)\b/i;

/**
 * The contract value when the text states one: the largest amount in a sentence that talks
 * about a total, fee or price. Optional; CUAD has no gold for it, so it is unmeasured there.
 */
export function extractValue(text: string): Evidenced<Money> | null {
  let best: Evidenced<Money> | null = null;
  AMOUNT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = AMOUNT.exec(text)) !== null) {
    const window = text.slice(Math.max(0, m.index - 150), m.index).replace(/\s+/g, ' ');
    if (!VALUE_CUE.test(window)) continue;
    const currency = CURRENCY_SYMBOLS[m[1]!.trim()] ?? m[1]!.trim();
    const minor = parseAmountToMinor(m[2]!, currency);
    if (minor === undefined) continue;
    const scale = m[3] === 'million' ? 1_000_000 : m[3] === 'billion' ? 1_000_000_000 : 1;
    const amountMinor = minor * scale;
    if (!Number.isSafeInteger(amountMinor)) continue;
    if (!best || amountMinor > best.value.amountMinor) {
      best = { value: { amountMinor, currency }, evidence: evidenceAt(text, m.index, m.index + m[0].length) };
    }
  }
  return best;
}
