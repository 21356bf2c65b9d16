import { listOf, upcoming } from '../../support/renewal-chart-fixtures.js';
import { renewalDigestChart, renewalTimelineChart, timelineWindowDays, weekStart } from '../../../src/core/views/renewal-charts.js';

describe('renewal chart rows', () => {
  it('covers twelve calendar months from today', () => {
    expect(timelineWindowDays('2026-12-02')).toBe(363); // to 2027-11-30
    expect(timelineWindowDays('2026-01-01')).toBe(364); // to 2026-12-31
    expect(weekStart('2026-12-02')).toBe('2026-11-30');
    expect(weekStart('2026-12-06')).toBe('2026-11-30'); // a Sunday
    expect(weekStart('2026-12-07')).toBe('2026-12-07');
  });

  it('the timeline: value at stake per month of the notice deadline, by decision, every month on the axis', () => {
    const list = listOf('2026-12-02', '2027-11-30', [
      upcoming('C-1', '2026-12-10', [12_000_000, 'USD']),
      upcoming('C-2', '2026-12-20', [4_000_000, 'USD'], 'renew'),
      upcoming('C-3', '2026-12-21', [1_000_000, 'USD']),
      upcoming('C-4', '2027-02-01', [1_800_000, 'USD'], 'lapse'),
      upcoming('C-5', '2027-03-15', undefined),
      upcoming('C-6', '2027-03-16', [900_000, 'EUR']),
    ]);
    const chart = renewalTimelineChart(list);
    expect(chart.kind).toBe('timeline');
    expect(chart.currency).toBe('USD');
    expect(chart.buckets.map((b) => b.label)).toEqual([
      'Dec 2026',
      'Jan 2027',
      'Feb 2027',
      'Mar 2027',
      'Apr 2027',
      'May 2027',
      'Jun 2027',
      'Jul 2027',
      'Aug 2027',
      'Sep 2027',
      'Oct 2027',
      'Nov 2027',
    ]);
    expect(chart.rows).toEqual([
      { bucket: '2026-12-01', label: 'Dec 2026', decision: 'undecided', amount: 130_000, contracts: 2, refs: ['C-1', 'C-3'] },
      { bucket: '2026-12-01', label: 'Dec 2026', decision: 'renewing', amount: 40_000, contracts: 1, refs: ['C-2'] },
      { bucket: '2027-02-01', label: 'Feb 2027', decision: 'lapsing', amount: 18_000, contracts: 1, refs: ['C-4'] },
      { bucket: '2027-03-01', label: 'Mar 2027', decision: 'undecided', amount: 0, contracts: 1, refs: ['C-5'] },
    ]);
    expect(chart.notes).toEqual(['1 contract in EUR not drawn (no exchange-rate conversion)', '1 contract without a stated value counted at 0']);
    expect(chart.subtitle).toBe('6 contracts · notice deadlines 2026-12-02 to 2027-11-30 · value in USD');
    expect(chart.alt).toBe(
      'Renewal timeline, bar chart of value at stake by notice deadlines 2026-12-02 to 2027-11-30: undecided: 3 contracts, $130,000.00; renewing: 1 contract, $40,000.00; ' +
        'lapsing: 1 contract, $18,000.00. Most value at stake in Dec 2026 ($170,000.00). 1 contract in EUR not drawn (no exchange-rate conversion); 1 contract without a stated value counted at 0.',
    );
  });

  it("the week's digest: value at stake per week (Mondays), by decision", () => {
    const list = listOf('2026-12-02', '2027-01-01', [
      upcoming('C-1', '2026-12-03', [500_000, 'EUR']),
      upcoming('C-2', '2026-12-08', [250_000, 'EUR'], 'renew'),
      upcoming('C-3', '2026-12-31', [100, 'EUR'], 'lapse'),
    ]);
    const chart = renewalDigestChart(list, 'Renewals digest, week of 2026-11-30');
    expect(chart.title).toBe('Renewals digest, week of 2026-11-30');
    expect(chart.buckets.map((b) => b.bucket)).toEqual(['2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28']);
    expect(chart.buckets[0]!.label).toBe('week of Nov 30');
    expect(chart.rows.map((r) => [r.bucket, r.decision, r.amount])).toEqual([
      ['2026-11-30', 'undecided', 5_000],
      ['2026-12-07', 'renewing', 2_500],
      ['2026-12-28', 'lapsing', 1],
    ]);
    expect(chart.notes).toEqual([]);
  });

  it('says so when there is nothing to draw', () => {
    const chart = renewalDigestChart(listOf('2026-12-02', '2027-01-01', []));
    expect(chart.rows).toEqual([]);
    expect(chart.currency).toBeUndefined();
    expect(chart.alt).toBe('Renewals digest: no notice deadlines between 2026-12-02 and 2027-01-01.');
  });
});
