import { addDays, addMonths, calendarDateIn, daysBetween, isValidCalendarDate } from '../../src/core/domain/calendar-date.js';
import { effectiveEndDate } from '../../src/core/domain/contract.js';
import { formatMoney, parseAmountToMinor } from '../../src/core/domain/money.js';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isValidCalendarDate('2028-02-29')).toBe(true);
    expect(isValidCalendarDate('2026-02-29')).toBe(false);
    expect(isValidCalendarDate('2026-13-01')).toBe(false);
    expect(isValidCalendarDate('2026-1-01')).toBe(false);
  });
  it('adds days and months without time zones', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-29', -30)).toBe('2026-02-27');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 14)).toBe('2028-01-15');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });
  it('computes the end of a term', () => {
    expect(effectiveEndDate({ startDate: '2026-01-01', termMonths: 12 })).toBe('2026-12-31');
    expect(effectiveEndDate({ startDate: '2026-03-15', termMonths: 1 })).toBe('2026-04-14');
    expect(effectiveEndDate({ endDate: '2027-06-30', startDate: '2026-01-01', termMonths: 12 })).toBe('2027-06-30');
    expect(effectiveEndDate({ startDate: '2026-01-01' })).toBeUndefined();
  });
  it('says which day it is in a time zone', () => {
    const instant = new Date('2026-03-01T23:30:00Z');
    expect(calendarDateIn(instant, 'UTC')).toBe('2026-03-01');
    expect(calendarDateIn(instant, 'Europe/Berlin')).toBe('2026-03-02');
    expect(calendarDateIn(instant, 'America/Los_Angeles')).toBe('2026-03-01');
  });
});

describe('money', () => {
  it('parses amounts into minor units', () => {
    expect(parseAmountToMinor('25,000', 'USD')).toBe(2_500_000);
    expect(parseAmountToMinor('1.5k', 'EUR')).toBe(150_000);
    expect(parseAmountToMinor('1000', 'JPY')).toBe(1000);
    expect(parseAmountToMinor('10.123', 'USD')).toBeUndefined();
    expect(parseAmountToMinor('-5', 'USD')).toBeUndefined();
    expect(parseAmountToMinor('abc', 'USD')).toBeUndefined();
  });
  it('formats money', () => {
    expect(formatMoney({ amountMinor: 2_500_000, currency: 'USD' })).toBe('$25,000.00');
    expect(formatMoney({ amountMinor: 1000, currency: 'JPY' })).toBe('¥1,000');
  });
});
