import { addDays } from '../../../src/core/domain/calendar-date.js';
import {
  nextTermEnd,
  noticeDeadline,
  nudgeDates,
  renewalStep,
  renewalTermDates,
  scanWindow,
  type RenewalContract,
} from '../../../src/core/domain/renewal-schedule.js';

const OFFSETS = [90, 60, 30, 7, 0];
const base: RenewalContract = { endDate: '2026-12-31', noticePeriodDays: 30, autoRenews: false };

describe('notice deadline and nudge dates', () => {
  it('is the end date minus the notice period', () => {
    expect(noticeDeadline('2026-12-31', 30)).toBe('2026-12-01');
    expect(noticeDeadline('2026-03-31', 31)).toBe('2026-02-28');
    expect(noticeDeadline('2028-03-31', 31)).toBe('2028-02-29');
  });

  it('is the end date itself without a notice period', () => {
    expect(noticeDeadline('2026-12-31', undefined)).toBe('2026-12-31');
    expect(noticeDeadline('2026-12-31', 0)).toBe('2026-12-31');
  });

  it('puts nudges at each offset before the deadline, earliest first, across month ends and leap days', () => {
    expect(nudgeDates('2028-03-01', OFFSETS)).toEqual([
      { offset: 90, date: '2027-12-02' },
      { offset: 60, date: '2028-01-01' },
      { offset: 30, date: '2028-01-31' },
      { offset: 7, date: '2028-02-23' },
      { offset: 0, date: '2028-03-01' },
    ]);
    expect(nudgeDates('2027-03-01', [7, 0, 7]).map((d) => d.date)).toEqual(['2027-02-22', '2027-03-01']);
  });
});

describe('next term end', () => {
  it('adds the renewal term counted from the next term start', () => {
    expect(nextTermEnd('2026-12-31', 12)).toBe('2027-12-31');
    expect(nextTermEnd('2026-06-30', 1)).toBe('2026-07-31');
    expect(nextTermEnd('2026-05-31', 1)).toBe('2026-06-30');
    expect(nextTermEnd('2026-01-14', 24)).toBe('2028-01-14');
  });

  it('follows February in leap years', () => {
    expect(nextTermEnd('2027-02-28', 12)).toBe('2028-02-29');
    expect(nextTermEnd('2028-02-29', 12)).toBe('2029-02-28');
    expect(nextTermEnd('2028-01-31', 1)).toBe('2028-02-29');
  });

  it('gives the renewal draft the dates of the next term', () => {
    expect(renewalTermDates({ ...base, renewalTermMonths: 12 })).toEqual({ startDate: '2027-01-01', endDate: '2027-12-31', months: 12 });
    expect(renewalTermDates({ startDate: '2026-01-01', termMonths: 6, autoRenews: false })).toEqual({
      startDate: '2026-07-01',
      endDate: '2026-12-31',
      months: 6,
    });
    expect(renewalTermDates({ autoRenews: false })).toBeUndefined();
  });
});

describe('renewal step on a given day', () => {
  it('does nothing for a contract without an end date', () => {
    expect(renewalStep({ autoRenews: true, renewalTermMonths: 12 }, '2026-06-01', OFFSETS)).toEqual({ kind: 'none' });
  });

  it('uses start + term when there is no stated end date', () => {
    const step = renewalStep({ startDate: '2026-01-01', termMonths: 12, noticePeriodDays: 30, autoRenews: false }, '2026-12-01', OFFSETS);
    expect(step).toMatchObject({ kind: 'nudge', termEnd: '2026-12-31', deadline: '2026-12-01', offset: 0, daysLeft: 0 });
  });

  it('says when the first nudge comes, before it is due', () => {
    expect(renewalStep(base, '2026-09-01', OFFSETS)).toEqual({ kind: 'none', termEnd: '2026-12-31', nextNudge: { offset: 90, date: '2026-09-02' } });
  });

  it('walks the ladder: each offset is due from its date until the next one', () => {
    const at = (today: string) => renewalStep(base, today, OFFSETS);
    expect(at('2026-09-02')).toEqual({ kind: 'nudge', termEnd: '2026-12-31', deadline: '2026-12-01', offset: 90, skipped: [], daysLeft: 90 });
    expect(at('2026-09-20')).toMatchObject({ offset: 90, skipped: [] });
    expect(at('2026-10-02')).toMatchObject({ offset: 60, skipped: [90], daysLeft: 60 });
    expect(at('2026-11-01')).toMatchObject({ offset: 30, skipped: [90, 60] });
    expect(at('2026-11-24')).toMatchObject({ offset: 7, daysLeft: 7 });
    expect(at('2026-12-01')).toMatchObject({ offset: 0, daysLeft: 0, skipped: [90, 60, 30, 7] });
  });

  it('after the deadline: the last nudge is still due for a few days (sent late once if missed), then nothing while the term runs on', () => {
    expect(renewalStep(base, '2026-12-02', OFFSETS)).toEqual({
      kind: 'nudge',
      termEnd: '2026-12-31',
      deadline: '2026-12-01',
      offset: 0,
      skipped: [90, 60, 30, 7],
      daysLeft: -1,
    });
    expect(renewalStep(base, '2026-12-04', OFFSETS)).toMatchObject({ kind: 'nudge', offset: 0, daysLeft: -3 });
    expect(renewalStep(base, '2026-12-05', OFFSETS)).toEqual({ kind: 'none', termEnd: '2026-12-31' });
    expect(renewalStep(base, '2026-12-31', OFFSETS)).toEqual({ kind: 'none', termEnd: '2026-12-31' });
  });

  it('nudges on the end date itself when there is no notice period', () => {
    const c = { endDate: '2026-12-31', autoRenews: false };
    expect(renewalStep(c, '2026-12-31', OFFSETS)).toMatchObject({ kind: 'nudge', deadline: '2026-12-31', offset: 0 });
  });

  it('expires a contract that does not auto-renew the day after its end date', () => {
    expect(renewalStep(base, '2027-01-01', OFFSETS)).toEqual({ kind: 'expire', termEnd: '2026-12-31' });
  });

  it('rolls an auto-renewing contract over by its renewal term, catching up several terms after an outage', () => {
    const auto = { ...base, autoRenews: true, renewalTermMonths: 12 };
    expect(renewalStep(auto, '2027-01-01', OFFSETS)).toEqual({ kind: 'roll_over', termEnd: '2026-12-31', newEnd: '2027-12-31', terms: 1 });
    expect(renewalStep(auto, '2029-03-01', OFFSETS)).toEqual({ kind: 'roll_over', termEnd: '2026-12-31', newEnd: '2029-12-31', terms: 3 });
    const feb = { endDate: '2027-02-28', autoRenews: true, renewalTermMonths: 12 };
    expect(renewalStep(feb, '2027-03-01', OFFSETS)).toMatchObject({ newEnd: '2028-02-29' });
  });

  it('treats an auto-renewing contract without a renewal term as expiring', () => {
    expect(renewalStep({ ...base, autoRenews: true }, '2027-01-01', OFFSETS)).toEqual({ kind: 'expire', termEnd: '2026-12-31' });
  });

  it('reads exactly the window of deadlines a step can come from, and the ended terms', () => {
    expect(scanWindow('2026-01-01', OFFSETS)).toEqual({ deadlineFrom: '2025-12-29', deadlineTo: '2026-04-01', endedBefore: '2026-01-01' });
    expect(scanWindow('2026-01-01', [])).toEqual({ deadlineFrom: '2025-12-29', deadlineTo: '2026-01-01', endedBefore: '2026-01-01' });
  });

  it('never leaves out a contract that has a step today (every notice period, end date and catch-up day)', () => {
    // Exhaustive over end dates from 10 days ago to 500 days ahead, notice periods missing, 0, short,
    // the longest, and term lengths; for today and the 3 days after (a scan that did not run).
    const periods = [undefined, 0, 1, 7, 30, 60, 90, 365];
    for (const offsets of [OFFSETS, [30], [0], [120, 14]]) {
      for (let day = 0; day < 4; day++) {
        const today = `2026-03-0${1 + day}`;
        const w = scanWindow(today, offsets);
        for (let end = -10; end <= 500; end++) {
          const endDate = addDays('2026-03-01', end);
          for (const noticePeriodDays of periods) {
            for (const autoRenews of [false, true]) {
              const c: RenewalContract = {
                endDate,
                autoRenews,
                ...(autoRenews ? { renewalTermMonths: 12 } : {}),
                ...(noticePeriodDays === undefined ? {} : { noticePeriodDays }),
              };
              if (renewalStep(c, today, offsets).kind === 'none') continue;
              const deadline = noticeDeadline(endDate, noticePeriodDays);
              const selected = endDate < w.endedBefore || (deadline >= w.deadlineFrom && deadline <= w.deadlineTo);
              if (!selected) throw new Error(`missed ${JSON.stringify(c)} on ${today} with offsets ${offsets}`);
            }
          }
        }
      }
    }
  });
});
