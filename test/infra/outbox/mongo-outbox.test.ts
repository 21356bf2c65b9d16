import { createMongoOutbox, type MongoOutbox } from '../../../src/infra/mongo/mongo-outbox.js';
import type { OutboxItem } from '../../../src/core/ports/outbox.js';
import { useTestDatabase } from '../../support/database.js';
import { TEST_DELIVERY } from '../../support/recording-notifier.js';

const item = (id: string, text: string): OutboxItem => ({
  id,
  kind: 'renewal_nudge',
  subjectId: 'c1',
  deliveries: [{ target: { kind: 'channel', platform: 'slack', channelId: 'C1' }, message: { text } }],
  details: { offset: 7 },
});

describe('MongoOutbox (status documents and their payloads)', () => {
  const db = useTestDatabase('outbox');
  let outbox: MongoOutbox;
  beforeAll(async () => {
    outbox = await createMongoOutbox(db.connection, 'test_outbox');
  });

  it("of claims racing for one id exactly one wins, and the stored payload is the winner's", async () => {
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((who) => outbox.claim(item('race', `from ${who}`), db.clock.now(), TEST_DELIVERY)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = ['a', 'b', 'c', 'd', 'e'][results.indexOf(true)]!;
    expect(await outbox.find('race')).toMatchObject({
      status: 'queued',
      attempts: 1,
      dueAt: new Date(db.clock.now().getTime() + TEST_DELIVERY.leaseMs),
      deliveries: [{ message: { text: `from ${winner}` } }],
    });
    // The status document stays small: the rendered deliveries live in the payload collection.
    const raw = await db.connection.collection('test_outbox').findOne({ _id: 'race' as never });
    expect(raw).not.toHaveProperty('deliveries');
  });

  it('a claim over a payload left by a claimant that died before claiming stores its own rendering', async () => {
    await db.connection
      .collection('test_outbox_payloads')
      .insertOne({ _id: 'orphan' as never, deliveries: [{ target: { kind: 'channel', platform: 'slack', channelId: 'C1' }, message: { text: 'stale' } }] });
    expect(await outbox.claim(item('orphan', 'fresh'), db.clock.now(), TEST_DELIVERY)).toBe(true);
    expect((await outbox.find('orphan'))!.deliveries[0]!.message).toMatchObject({ text: 'fresh' });
  });

  it('the last delivery is recorded with the sent mark; items stored before payloads were split still read', async () => {
    await outbox.claim(item('sent', 'hello'), db.clock.now(), TEST_DELIVERY);
    await outbox.markSent('sent', db.clock.now(), { index: 0, ref: { platform: 'slack', channelId: 'C1', messageId: '1.2' } });
    expect(await outbox.find('sent')).toMatchObject({ status: 'sent', delivered: { '0': { messageId: '1.2' } } });
    await db.connection.collection('test_outbox').insertOne({
      _id: 'legacy' as never,
      kind: 'renewal_nudge',
      subjectId: 'c0',
      status: 'queued',
      attempts: 1,
      claimedAt: new Date('2020-01-01T00:00:00Z'),
      deliveries: [{ target: { kind: 'channel', platform: 'slack', channelId: 'C9' }, message: { text: 'old style' } }],
      delivered: {},
    });
    const stale = await outbox.listDue(new Date('2021-01-01T00:00:00Z'), 10);
    expect(stale.map((s) => [s.id, (s.deliveries[0]!.message as { text?: string }).text])).toEqual([['legacy', 'old style']]);
  });
});
