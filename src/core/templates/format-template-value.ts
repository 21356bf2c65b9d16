import { isValidCalendarDate } from '../domain/calendar-date.js';
import type { TemplateFilter } from './template-syntax.js';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** "2026-03-01" → "1 March 2026": the form a contract writes dates in, the same in every locale. */
function formatContractDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

const UNIT_NAMES: Record<TemplateFilter, [singular: string, plural: string]> = {
  months: ['month', 'months'],
  days: ['day', 'days'],
  years: ['year', 'years'],
};

/** 12 → "12 months", 1 → "1 month". */
function formatDuration(amount: number, unit: TemplateFilter): string {
  const [singular, plural] = UNIT_NAMES[unit];
  return `${amount} ${amount === 1 ? singular : plural}`;
}

/**
 * How a variable's value reads in a contract. Calendar-date strings always print readably, so a
 * template cannot leak "2026-03-01" into a draft by forgetting a filter. Returns undefined when
 * the value cannot be printed with that filter (the caller reports it).
 */
export function formatTemplateValue(value: unknown, filter?: TemplateFilter): string | undefined {
  if (filter) {
    return typeof value === 'number' && Number.isFinite(value) ? formatDuration(value, filter) : undefined;
  }
  if (typeof value === 'string') return isValidCalendarDate(value) ? formatContractDate(value) : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return undefined;
}

/** `{{#if name}}` takes its branch for any present value: 0 counts (a 0-day notice period is a value). */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== '';
}
