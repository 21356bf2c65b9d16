import type { ChatTarget, LookupOutcome } from '../../../src/core/ports/chat-notifier.js';
import { claimAndDeliver, retryDelayMs, type DeliveryDeps } from '../../../src/core/services/deliver-outbox-item.js';
import { sweepOutbox } from '../../../src/core/services/sweep-outbox.js';
import { createMongoOutbox, type MongoOutbox } from '../../../src/infra/mongo/mongo-outbox.js';
import type { OutboxItem } from '../../../src/core/ports/outbox.js';
import { useTestDatabase } from '../../support/database.js';
import { RecordingNotifier, TEST_DELIVERY } from '../../support/recording-notifier.js';

const dm: ChatTarget = { kind: 'user', user: { platform: 'slack', id: 'U0OWNER' } };
const channel: ChatTarget = { kind: 'channel', platform: 'slack', channelId: 'C0RENEWALS' };
const item = (id: string, targets: ChatTarget[] = [dm, channel]): OutboxItem => ({
  id,
  kind: 'renewal_nudge',
  subjectId: 'c1',
  deliveries: targets.map((target, i) => ({ target, message: { text: `${id} #${i}` } })),
});

/** A notifier whose look-up finds what it posted (like Slack's metadata search). */
class LookingNotifier extends RecordingNotifier {
  lookups = 0;
  async findDelivered(_target: ChatTarget, deliveryId: string): Promise<LookupOutcome> {
    this.lookups++;
    const hit = this.sent.find((s) => s.deliveryId === deliveryId);
    return hit ? { status: 'found', ref: hit.ref } : { status: 'absent' };
  }
}

describe('the delivery path: outcomes, retries with backoff, deadline, sweeper', () => {
  const db = useTestDatabase('delivery', '2026-06-01T06:00:00Z');
  let outbox: MongoOutbox;
  let notifier: LookingNotifier;
  let deps: DeliveryDeps;
  beforeAll(async () => {
    outbox = await createMongoOutbox(db.connection, 'test_deliveries');
  });
  beforeEach(() => {
    notifier = new LookingNotifier();
    deps = { notifier, clock: db.clock, delivery: TEST_DELIVERY, random: () => 0.5 };
  });

  it('backoff doubles from the base with jitter, is capped, and never comes before Retry-After', () => {
    const t = { ...TEST_DELIVERY, retryBaseMs: 1_000, retryMaxMs: 10_000 };
    expect(retryDelayMs(t, 1, 0, () => 1)).toBe(1_000);
    expect(retryDelayMs(t, 3, 0, () => 1)).toBe(4_000);
    expect(retryDelayMs(t, 3, 0, () => 0)).toBe(2_000);
    expect(retryDelayMs(t, 20, 0, () => 1)).toBe(10_000);
    expect(retryDelayMs(t, 1, 30_000, () => 1)).toBe(30_000);
  });

  it('a transient failure stays queued with its next attempt time; the sweeper sends it then, once', async () => {
    notifier.failNext = 1;
    const first = await claimAndDeliver(deps, outbox, item('t1'));
    expect(first).toMatchObject({ status: 'queued', lastError: 'chat platform unavailable' });
    const queued = (await outbox.find('t1'))!;
    expect(queued).toMatchObject({ status: 'queued', attempts: 1, lastError: 'chat platform unavailable', delivered: { '1': expect.anything() } });
    // Base 60 s, attempt 1, jitter 0.5 → 45 s.
    expect(queued.dueAt.getTime() - db.clock.now().getTime()).toBe(45_000);
    expect(await sweepOutbox(deps, outbox)).toMatchObject({ sent: 0 }); // not due yet
    db.clock.advanceMs(45_000);
    const [a, b] = await Promise.all([sweepOutbox(deps, outbox), sweepOutbox(deps, outbox)]);
    expect(a.sent + b.sent).toBe(1);
    expect(a.lost + b.lost).toBe(1);
    expect(notifier.sent.map((s) => s.deliveryId)).toEqual(['test_deliveries/t1/1', 'test_deliveries/t1/0']);
    expect(await outbox.find('t1')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('honours Retry-After', async () => {
    notifier.failNext = 1;
    notifier.failWith = { status: 'transient', reason: 'Slack rate limit (429)', retryAfterMs: 300_000 };
    await claimAndDeliver(deps, outbox, item('t2', [dm]));
    expect((await outbox.find('t2'))!.dueAt.getTime() - db.clock.now().getTime()).toBe(300_000);
  });

  it('a permanent failure is recorded with its reason and not retried; nothing deliverable is reported failed', async () => {
    notifier.failNext = 1;
    notifier.failWith = { status: 'permanent', reason: 'Slack answered user_not_found' };
    expect(await claimAndDeliver(deps, outbox, item('p1'))).toMatchObject({
      status: 'sent',
      undeliverable: [{ index: 0, reason: 'Slack answered user_not_found' }],
    });
    expect(await outbox.find('p1')).toMatchObject({ status: 'sent', delivered: { '0': null }, problems: { '0': 'Slack answered user_not_found' } });
    notifier.failNext = 1;
    expect(await claimAndDeliver(deps, outbox, item('p2', [dm]))).toMatchObject({ status: 'failed', reason: 'undeliverable: Slack answered user_not_found' });
    expect(await outbox.find('p2')).toMatchObject({ status: 'failed', reason: 'undeliverable: Slack answered user_not_found' });
  });

  it('keeps retrying until the give-up time, then reports it failed with the last error (never dropped silently)', async () => {
    notifier.failNext = 1000;
    await claimAndDeliver(deps, outbox, item('d1', [dm]));
    for (let i = 0; i < 200 && (await outbox.find('d1'))!.status === 'queued'; i++) {
      db.clock.advanceMs(TEST_DELIVERY.retryMaxMs);
      await sweepOutbox(deps, outbox);
    }
    const failed = (await outbox.find('d1'))!;
    expect(failed.status).toBe('failed');
    expect(failed.reason).toMatch(/^not delivered by .* after \d+ attempts: chat platform unavailable$/);
    expect(failed.attempts).toBeGreaterThan(5);
    expect(notifier.sent).toHaveLength(0);
  });

  it('a platform that is off: the message waits (counted by platform), and goes out once the platform is on', async () => {
    notifier.failNext = 1;
    notifier.failWith = { status: 'off', reason: 'slack is not configured' };
    expect(await claimAndDeliver(deps, outbox, item('o1', [dm]))).toMatchObject({ status: 'queued', waitingFor: 'slack' });
    expect((await outbox.counts()).waiting).toMatchObject({ slack: 1 });
    db.clock.advanceMs(TEST_DELIVERY.retryMaxMs);
    expect(await sweepOutbox(deps, outbox)).toMatchObject({ sent: 1 });
    expect((await outbox.counts()).waiting).toEqual({});
  });

  it('after a lease expires (the sender died), the re-send looks first: what had arrived is recorded, not posted again', async () => {
    // The sender claimed and posted delivery 0, then died before recording anything.
    await outbox.claim(item('crash'), db.clock.now(), TEST_DELIVERY);
    await notifier.send(dm, { text: 'crash #0' }, { deliveryId: 'test_deliveries/crash/0' });
    await sweepOutbox(deps, outbox); // within the lease: nothing
    expect(notifier.sent).toHaveLength(1);
    db.clock.advanceMs(TEST_DELIVERY.leaseMs + 1);
    expect(await sweepOutbox(deps, outbox)).toMatchObject({ sent: 1 });
    expect(notifier.lookups).toBe(2);
    expect(notifier.sent.map((s) => s.deliveryId)).toEqual(['test_deliveries/crash/0', 'test_deliveries/crash/1']);
    expect(await outbox.find('crash')).toMatchObject({ status: 'sent', attempts: 2, delivered: { '0': { messageId: '1' } } });
  });
});
