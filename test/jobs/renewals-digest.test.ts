import { createContract } from '../../src/core/services/create-contract.js';
import { listUpcomingRenewals } from '../../src/core/services/list-upcoming-renewals.js';
import { sendRenewalsDigest, type DigestDeps } from '../../src/core/services/send-renewals-digest.js';
import { letLapse } from '../../src/core/services/let-lapse.js';
import { renewalsListMessage } from '../../src/core/views/renewals-list-message.js';
import { weekKeyIfDue } from '../../src/core/domain/weekly-slot.js';
import { ZDigestSchedule } from '../../src/config/renewal-settings.js';
import { claimAndDeliver } from '../../src/core/services/deliver-outbox-item.js';
import { createMongoOutbox } from '../../src/infra/mongo/mongo-outbox.js';
import { useTestDatabase } from '../support/database.js';
import { renewalDepsFor } from '../support/renewal-deps.js';
import type { UserRef } from '../../src/core/domain/user-ref.js';

const ana: UserRef = { platform: 'slack', id: 'U_ANA', displayName: 'Ana' };
const ben: UserRef = { platform: 'teams', id: 'aad-ben', displayName: 'Ben' };

describe('weekly slot', () => {
  const monday9Berlin = ZDigestSchedule.parse('mon 09 Europe/Berlin');
  it('parses the schedule setting', () => {
    expect(monday9Berlin).toEqual({ weekday: 1, hour: 9, timeZone: 'Europe/Berlin' });
    expect(ZDigestSchedule.parse('Friday 17:00')).toEqual({ weekday: 5, hour: 17, timeZone: 'UTC' });
    expect(ZDigestSchedule.safeParse('someday 25 Mars/Olympus').success).toBe(false);
  });

  it('is due from the slot until the end of that week, keyed by the Monday', () => {
    expect(weekKeyIfDue(new Date('2026-03-02T07:59:00Z'), monday9Berlin)).toBeUndefined(); // 08:59 in Berlin
    expect(weekKeyIfDue(new Date('2026-03-02T08:00:00Z'), monday9Berlin)).toBe('2026-03-02');
    expect(weekKeyIfDue(new Date('2026-03-08T22:00:00Z'), monday9Berlin)).toBe('2026-03-02'); // Sunday 23:00
    expect(weekKeyIfDue(new Date('2026-03-08T23:30:00Z'), monday9Berlin)).toBeUndefined(); // Monday 00:30, before 09
    const sunday = { weekday: 0, hour: 18, timeZone: 'UTC' };
    expect(weekKeyIfDue(new Date('2026-03-07T20:00:00Z'), sunday)).toBeUndefined();
    expect(weekKeyIfDue(new Date('2026-03-08T18:00:00Z'), sunday)).toBe('2026-03-02');
  });
});

describe('upcoming renewals and the weekly digest', () => {
  const db = useTestDatabase('renewals_digest', '2026-03-02T08:00:00Z');

  async function active(title: string, owner: UserRef, endDate: string, noticePeriodDays: number, value?: { amountMinor: number; currency: string }) {
    return createContract(db.store, {
      terms: {
        title,
        type: 'msa',
        counterparty: `${title} Inc`,
        endDate,
        noticePeriodDays,
        autoRenews: true,
        renewalTermMonths: 12,
        ...(value ? { value } : {}),
      },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
    });
  }

  it('lists notice deadlines in the window, soonest first, with owners and totals by currency', async () => {
    const deps = await renewalDepsFor(db);
    const late = await active('Late', ana, '2026-05-31', 60, { amountMinor: 100_000, currency: 'USD' }); // deadline 04-01
    const soon = await active('Soon', ben, '2026-04-09', 30, { amountMinor: 50_000, currency: 'EUR' }); // deadline 03-10
    const mid = await active('Mid', ana, '2026-03-20', 0, { amountMinor: 25_000, currency: 'USD' }); // deadline 03-20
    await active('Far', ana, '2026-12-31', 30, { amountMinor: 1, currency: 'USD' }); // deadline 12-01: outside
    await active('Past', ana, '2026-03-05', 30); // deadline passed
    const list = await listUpcomingRenewals(deps, { days: 30, today: '2026-03-02' });
    expect(list.items.map((i) => [i.contract.id, i.deadline, i.daysLeft])).toEqual([
      [soon.id, '2026-03-10', 8],
      [mid.id, '2026-03-20', 18],
      [late.id, '2026-04-01', 30],
    ]);
    expect(list.totals).toEqual([
      { currency: 'USD', amountMinor: 125_000 },
      { currency: 'EUR', amountMinor: 50_000 },
    ]);
    const mine = await listUpcomingRenewals(deps, { days: 30, today: '2026-03-02', viewer: ben });
    expect(mine.items.map((i) => i.contract.id)).toEqual([soon.id]);

    db.clock.set('2026-03-02T08:00:00Z');
    await letLapse(deps, { contractId: mid.id, actor: ana });
    const message = renewalsListMessage(await listUpcomingRenewals(deps, { days: 30, today: '2026-03-02' }));
    expect(message.text).toBe('Upcoming renewals: 3 contracts with notice deadlines 2026-03-02 to 2026-04-01; total $1,250.00 · €500.00.');
    const body = (message.card!.sections[0] as { text: string }).text;
    expect(body.split('\n')[0]).toBe(`• 2026-03-10 (8 d) ${soon.ref} Soon, Soon Inc: €500.00, owner Ben, ends 2026-04-09 · auto-renews`);
    expect(body).toContain(`${mid.ref} Mid, Mid Inc: $250.00, owner Ana, ends 2026-03-20 · letting lapse`);
  });

  it('sends the digest once a week, after its slot, to the digest channel', async () => {
    const renewal = await renewalDepsFor(db);
    const deps: DigestDeps = {
      renewals: renewal.renewals,
      digests: await createMongoOutbox(db.connection, 'renewal_digests'),
      notifier: renewal.notifier,
      clock: db.clock,
      delivery: renewal.delivery,
    };
    const input = {
      channel: { kind: 'channel' as const, platform: 'slack' as const, channelId: 'C_DIGEST' },
      schedule: { weekday: 1, hour: 9, timeZone: 'UTC' },
    };
    db.clock.set('2026-03-02T08:00:00Z');
    expect(await sendRenewalsDigest(deps, input)).toBe('not_due');
    db.clock.set('2026-03-02T09:05:00Z');
    const outcomes = await Promise.all([sendRenewalsDigest(deps, input), sendRenewalsDigest(deps, input)]);
    expect(outcomes.sort()).toEqual(['sent', 'taken']);
    db.clock.set('2026-03-04T09:05:00Z');
    expect(await sendRenewalsDigest(deps, input)).toBe('taken');
    db.clock.set('2026-03-09T09:05:00Z');
    expect(await sendRenewalsDigest(deps, input)).toBe('sent');
    const posts = renewal.notifier.sent.filter((m) => m.target.kind === 'channel');
    expect(posts.map((p) => p.message.card!.title)).toEqual(['Renewals digest, week of 2026-03-02', 'Renewals digest, week of 2026-03-09']);
  });

  it("lists the week's renewal nudges that could not be delivered, with why", async () => {
    const renewal = await renewalDepsFor(db);
    const deps: DigestDeps = {
      renewals: renewal.renewals,
      digests: await createMongoOutbox(db.connection, 'renewal_digests'),
      nudges: renewal.nudges,
      notifier: renewal.notifier,
      clock: db.clock,
      delivery: renewal.delivery,
    };
    db.clock.set('2026-03-16T08:00:00Z');
    const gone = { kind: 'user' as const, user: { platform: 'slack' as const, id: 'U0GONE' } };
    renewal.notifier.failNext = 1;
    renewal.notifier.failWith = { status: 'permanent', reason: 'Slack answered user_not_found' };
    await claimAndDeliver(renewal, renewal.nudges, {
      id: 'undeliverable-nudge',
      kind: 'renewal_nudge',
      subjectId: 'c-gone',
      deliveries: [{ target: gone, message: { text: 'nudge' } }],
      details: { contractRef: 'C-2026-0999' },
    });
    db.clock.set('2026-03-16T09:05:00Z');
    expect(
      await sendRenewalsDigest(deps, {
        channel: { kind: 'channel', platform: 'slack', channelId: 'C_DIGEST' },
        schedule: { weekday: 1, hour: 9, timeZone: 'UTC' },
      }),
    ).toBe('sent');
    const digest = renewal.notifier.sent.filter((m) => m.target.kind === 'channel').at(-1)!.message;
    expect(digest.text).toContain('1 renewal nudge could not be delivered this week.');
    expect(JSON.stringify(digest.card)).toContain('C-2026-0999: not delivered: undeliverable: Slack answered user_not_found');
  });
});
