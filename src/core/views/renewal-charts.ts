import { addDays, addMonths, daysBetween, type CalendarDate } from '../domain/calendar-date.js';
import { formatMoney, minorUnitExponent, toMajorUnits } from '../domain/money.js';
import type { UpcomingRenewal, UpcomingRenewals } from '../services/list-upcoming-renewals.js';

/**
 * Renewal charts as data: pure functions from the upcoming renewals to the rows a chart draws
 * (src/infra/charts renders them; the playground may draw them itself). Neutral: no chart
 * library, no platform.
 */

/** What was decided about a term: colours the bars. */
export type ChartDecision = 'undecided' | 'renewing' | 'lapsing';
export const CHART_DECISIONS: readonly ChartDecision[] = ['undecided', 'renewing', 'lapsing'];

/** One bar segment: the contracts of one decision whose notice deadline falls in one bucket. */
interface RenewalChartRow {
  /** The bucket's first day: a month's 1st (timeline) or a week's Monday (digest). */
  bucket: CalendarDate;
  /** Axis label, e.g. `Jan 2027` or `Mar 2`. */
  label: string;
  decision: ChartDecision;
  /** Value at stake in major units of the chart's currency (0 for contracts without a value). */
  amount: number;
  contracts: number;
  /** The contracts' references, soonest deadline first (for tooltips and the alt text). */
  refs: string[];
}

export interface RenewalChart {
  kind: 'timeline' | 'digest';
  title: string;
  subtitle: string;
  /** The currency of `amount` (the one with the largest total); undefined when no contract has a value. */
  currency?: string;
  /** Every bucket in order, with its label (empty buckets included, so the axis shows the whole window). */
  buckets: Array<{ bucket: CalendarDate; label: string }>;
  rows: RenewalChartRow[];
  /** Things the picture leaves out (other currencies, contracts without a value). */
  notes: string[];
  /** A text description of the picture (screen readers, Slack alt text, the Teams image altText). */
  alt: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function decisionOf(item: Pick<UpcomingRenewal, 'decision'>): ChartDecision {
  return item.decision === 'renew' ? 'renewing' : item.decision === 'lapse' ? 'lapsing' : 'undecided';
}

function monthStart(date: CalendarDate): CalendarDate {
  return `${date.slice(0, 7)}-01`;
}

/** The Monday of the ISO week a date falls in. */
export function weekStart(date: CalendarDate): CalendarDate {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

function monthLabel(month: CalendarDate): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

function weekLabel(monday: CalendarDate): string {
  return `${MONTHS[Number(monday.slice(5, 7)) - 1]} ${Number(monday.slice(8, 10))}`;
}

/**
 * How many days `listUpcomingRenewals` should cover for a timeline of `months` calendar months
 * starting with today's: up to the last day of the last month.
 */
export function timelineWindowDays(today: CalendarDate, months = 12): number {
  return daysBetween(today, addDays(addMonths(monthStart(today), months), -1));
}

function build(
  kind: RenewalChart['kind'],
  list: UpcomingRenewals,
  title: string,
  buckets: Array<{ bucket: CalendarDate; label: string }>,
  bucketOf: (deadline: CalendarDate) => CalendarDate,
): RenewalChart {
  const currency = list.totals[0]?.currency;
  const known = new Set(buckets.map((b) => b.bucket));
  const labels = new Map(buckets.map((b) => [b.bucket, b.label]));
  const cells = new Map<string, RenewalChartRow>();
  const otherCurrencies = new Map<string, number>();
  let withoutValue = 0;
  for (const item of list.items) {
    const c = item.contract;
    if (c.value && c.value.currency !== currency) {
      otherCurrencies.set(c.value.currency, (otherCurrencies.get(c.value.currency) ?? 0) + 1);
      continue;
    }
    if (!c.value) withoutValue++;
    const bucket = bucketOf(item.deadline);
    if (!known.has(bucket)) continue;
    const decision = decisionOf(item);
    const key = `${bucket}|${decision}`;
    const cell = cells.get(key) ?? { bucket, label: labels.get(bucket)!, decision, amount: 0, contracts: 0, refs: [] };
    cell.amount += c.value ? toMajorUnits(c.value) : 0;
    cell.contracts++;
    cell.refs.push(c.ref);
    cells.set(key, cell);
  }
  const order = (r: RenewalChartRow) => `${r.bucket}|${CHART_DECISIONS.indexOf(r.decision)}`;
  const rows = [...cells.values()].sort((a, b) => (order(a) < order(b) ? -1 : 1));
  const notes: string[] = [];
  for (const [other, n] of otherCurrencies) notes.push(`${n} contract${n === 1 ? '' : 's'} in ${other} not drawn (no exchange-rate conversion)`);
  if (withoutValue > 0) notes.push(`${withoutValue} contract${withoutValue === 1 ? '' : 's'} without a stated value counted at 0`);
  const count = list.items.length;
  const window = `notice deadlines ${list.from} to ${list.to}`;
  const subtitle = `${count} contract${count === 1 ? '' : 's'} · ${window}${currency ? ` · value in ${currency}` : ''}`;
  return { kind, title, subtitle, ...(currency ? { currency } : {}), buckets, rows, notes, alt: altText(title, window, rows, currency, notes) };
}

function altText(title: string, window: string, rows: RenewalChartRow[], currency: string | undefined, notes: string[]): string {
  if (rows.length === 0) return `${title}: no notice deadlines between ${window.replace('notice deadlines ', '').replace(' to ', ' and ')}.`;
  const sums = CHART_DECISIONS.map((d) => {
    const of = rows.filter((r) => r.decision === d);
    const n = of.reduce((s, r) => s + r.contracts, 0);
    const amount = of.reduce((s, r) => s + r.amount, 0);
    return n === 0 ? undefined : `${d}: ${n} contract${n === 1 ? '' : 's'}${currency ? `, ${formatMajor(amount, currency)}` : ''}`;
  }).filter(Boolean);
  const byBucket = new Map<string, number>();
  for (const r of rows) byBucket.set(r.label, (byBucket.get(r.label) ?? 0) + r.amount);
  const peak = [...byBucket].sort((a, b) => b[1] - a[1])[0];
  const peakText = peak && currency && peak[1] > 0 ? ` Most value at stake in ${peak[0]} (${formatMajor(peak[1], currency)}).` : '';
  return `${title}, bar chart of value at stake by ${window}: ${sums.join('; ')}.${peakText}${notes.length ? ` ${notes.join('; ')}.` : ''}`;
}

function formatMajor(amount: number, currency: string): string {
  return formatMoney({ amountMinor: Math.round(amount * 10 ** minorUnitExponent(currency)), currency });
}

/**
 * The manager's 12-month timeline: value at stake per month of the notice deadline, stacked by
 * decision. `list` should cover `timelineWindowDays(today)` days from today's month.
 */
export function renewalTimelineChart(list: UpcomingRenewals, title = 'Renewal timeline'): RenewalChart {
  const first = monthStart(list.from);
  const buckets: Array<{ bucket: CalendarDate; label: string }> = [];
  for (let m = first; m <= list.to; m = addMonths(m, 1)) buckets.push({ bucket: m, label: monthLabel(m) });
  return build('timeline', list, title, buckets, monthStart);
}

/** The weekly digest as a chart: value at stake per week of the notice deadline, stacked by decision. */
export function renewalDigestChart(list: UpcomingRenewals, title = 'Renewals digest'): RenewalChart {
  const buckets: Array<{ bucket: CalendarDate; label: string }> = [];
  for (let w = weekStart(list.from); w <= list.to; w = addDays(w, 7)) buckets.push({ bucket: w, label: `week of ${weekLabel(w)}` });
  return build('digest', list, title, buckets, weekStart);
}
