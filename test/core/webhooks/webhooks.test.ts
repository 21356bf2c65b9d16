import { Webhook } from 'standardwebhooks';
import { createContract } from '../../../src/core/services/create-contract.js';
import { transitionContract } from '../../../src/core/services/transition-contract.js';
import { deliverOutboxItem } from '../../../src/core/services/deliver-outbox-item.js';
import { publishEvent, webhookItemId } from '../../../src/core/services/publish-event.js';
import { sweepOutbox } from '../../../src/core/services/sweep-outbox.js';
import { webhookDeliveryDeps } from '../../../src/core/services/send-webhook.js';
import type { WebhookDeps } from '../../../src/core/services/webhook-deps.js';
import type { ContractStoreDeps } from '../../../src/core/services/contract-store-deps.js';
import type { EventPublisher } from '../../../src/core/ports/event-publisher.js';
import type { OutboxItem } from '../../../src/core/ports/outbox.js';
import type { WebhookEvent } from '../../../src/core/domain/webhook-event.js';
import { withWebhookEvents } from '../../../src/app/open-webhooks.js';
import { createMongoOutbox, type MongoOutbox } from '../../../src/infra/mongo/mongo-outbox.js';
import { MongoWebhookSubscriptions } from '../../../src/infra/mongo/mongo-webhook-subscriptions.js';
import { HttpWebhookTransport } from '../../../src/infra/webhooks/http-webhook-transport.js';
import { sendRenewalNudge } from '../../../src/core/services/send-renewal-nudge.js';
import { addObligation } from '../../../src/core/services/add-obligation.js';
import { runObligationReminders } from '../../../src/core/services/run-obligation-reminders.js';
import { calendarDateIn, addDays } from '../../../src/core/domain/calendar-date.js';
import { utcUserDirectory } from '../../../src/core/ports/user-directory.js';
import { createMongoObligationRepository } from '../../../src/infra/mongo/mongo-obligation-repository.js';
import { useTestDatabase } from '../../support/database.js';
import { renewalDepsFor } from '../../support/renewal-deps.js';
import { RecordingNotifier } from '../../support/recording-notifier.js';
import { TEST_DELIVERY } from '../../support/recording-notifier.js';
import { WebhookReceiver } from '../../emulators/webhook-receiver.js';

const SECRET = `whsec_${Buffer.from('a-test-secret-of-at-least-24-bytes').toString('base64')}`;
const alice = { platform: 'slack' as const, id: 'U_ALICE', email: 'alice@example.com' };

describe('signed outbound webhooks through the outbox', () => {
  const db = useTestDatabase('webhooks');
  const receiver = new WebhookReceiver();
  let subscriptions: MongoWebhookSubscriptions;
  let outbox: MongoOutbox;
  let notices: MongoOutbox;
  let deps: WebhookDeps;
  let store: ContractStoreDeps;
  /** What the store published and this test delivers itself (first attempts), in order. */
  let claimed: OutboxItem[] = [];

  beforeAll(async () => {
    await receiver.start();
    receiver.setSecret(SECRET);
    subscriptions = new MongoWebhookSubscriptions(db.connection);
    await subscriptions.init();
    outbox = await createMongoOutbox(db.connection, 'webhook_deliveries');
    notices = await createMongoOutbox(db.connection, 'chat_messages');
    deps = {
      subscriptions,
      transport: new HttpWebhookTransport({ timeoutMs: 500 }),
      checkUrl: async () => undefined,
      outbox,
      clock: db.clock,
      delivery: TEST_DELIVERY,
      disableAfterFailures: 4,
      notices: { outbox: notices, targets: () => [{ kind: 'channel', platform: 'slack', channelId: 'C_APPROVALS' }] },
    };
    const publisher: EventPublisher = { publish: async (event) => void claimed.push(...(await publishEvent(deps, event))) };
    store = withWebhookEvents(db.store, publisher);
  });
  afterAll(() => receiver.stop());
  beforeEach(() => {
    claimed = [];
  });

  const deliverClaimed = async () => {
    const results = [];
    for (const item of claimed) results.push(await deliverOutboxItem(webhookDeliveryDeps(deps), outbox, item));
    claimed = [];
    return results;
  };
  const newContract = (counterparty: string) =>
    createContract(store, {
      terms: { title: `MSA with ${counterparty}`, type: 'msa', counterparty, autoRenews: false },
      owner: alice,
      requester: alice,
      actor: alice,
    });
  const subscribe = async (path: string, events: WebhookEvent['type'][]) =>
    (await subscriptions.create({ url: `${receiver.url}${path}`, events, createdBy: 'test', secret: SECRET }, db.clock.now())).subscription;

  it('signs each event by the Standard Webhooks scheme and sends it only to the subscriptions that asked for it', async () => {
    const crm = await subscribe('/crm', ['contract.requested', 'contract.signed']);
    await subscribe('/finance', ['contract.signed']);
    const contract = await newContract('Acme');
    expect(claimed.map((i) => i.id)).toEqual([webhookItemId(`evt_contract.requested_${contract.id}_r${contract.revision}`, crm.id)]);
    expect(await deliverClaimed()).toEqual([expect.objectContaining({ status: 'sent' })]);

    const got = receiver.received.filter((r) => r.path === '/crm');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ verified: true, status: 204, id: `evt_contract.requested_${contract.id}_r${contract.revision}` });
    expect(got[0]!.signature).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    const body = JSON.parse(got[0]!.body);
    expect(body).toMatchObject({
      type: 'contract.requested',
      timestamp: contract.updatedAt.toISOString(),
      data: { contract: { ref: contract.ref, status: 'draft', counterparty: 'Acme' }, toStatus: 'draft', actor: { id: 'U_ALICE' } },
    });
    // The verifier refuses the same request under another secret: the signature really is checked.
    const other = new Webhook(`whsec_${Buffer.from('another-secret-of-at-least-24-bytes').toString('base64')}`);
    expect(() =>
      other.verify(got[0]!.body, { 'webhook-id': got[0]!.id!, 'webhook-timestamp': got[0]!.timestamp!, 'webhook-signature': got[0]!.signature! }),
    ).toThrow();
    expect(receiver.received.filter((r) => r.path === '/finance')).toHaveLength(0);

    // A lifecycle move through any service is an event for those who asked for it.
    await transitionContract(store, { contractId: contract.id, action: 'submit', actor: alice });
    expect(claimed).toHaveLength(0);
    await transitionContract(store, { contractId: contract.id, action: 'approve', actor: alice });
    await transitionContract(store, { contractId: contract.id, action: 'send_for_signature', actor: alice });
    const signed = await transitionContract(store, { contractId: contract.id, action: 'sign', actor: alice, set: { signedDate: '2026-03-01' } });
    expect(claimed.map((i) => i.details?.eventType)).toEqual(['contract.signed', 'contract.signed']);
    await deliverClaimed();
    const finance = receiver.received.filter((r) => r.path === '/finance');
    expect(finance).toHaveLength(1);
    expect(JSON.parse(finance[0]!.body)).toMatchObject({
      type: 'contract.signed',
      data: { contract: { ref: contract.ref, status: 'active', signedDate: '2026-03-01' }, fromStatus: 'sent_for_signature', toStatus: 'active' },
    });

    // The delivery log, newest first; the secret is stored only with the subscription, and never in the log.
    expect(await subscriptions.listAttempts(crm.id, 10)).toEqual([
      expect.objectContaining({
        eventType: 'contract.signed',
        outcome: 'delivered',
        httpStatus: 204,
        attempt: 1,
        eventId: `evt_contract.signed_${contract.id}_r${signed.revision}`,
      }),
      expect.objectContaining({ eventType: 'contract.requested', outcome: 'delivered', httpStatus: 204, attempt: 1 }),
    ]);
    const log = JSON.stringify(await db.connection.collection('webhook_attempts').find().toArray());
    expect(log).not.toContain(SECRET.slice(8, 30));
    expect(JSON.stringify(await subscriptions.list())).not.toContain(SECRET.slice(8, 30));
    for (const s of await subscriptions.list()) await subscriptions.remove(s.id);
  });

  it('retries transient failures with backoff, each attempt with the same webhook-id, and a receiver dedupes by it (at least once)', async () => {
    const sub = await subscribe('/retry', ['contract.requested']);
    receiver.received.length = 0;
    // First attempt: processed by the receiver, but its answer is lost (a 503 after processing).
    receiver.behave({ status: 503, processAnyway: true });
    // Second: a 429 with Retry-After; third: a time-out; then accepted.
    receiver.behave({ status: 429, retryAfter: 300 });
    receiver.behave({ delayMs: 2_000 });
    const contract = await newContract('Retry Corp');
    const [item] = claimed;
    expect(await deliverClaimed()).toEqual([expect.objectContaining({ status: 'queued', lastError: 'HTTP 503' })]);
    const dueAfter = async () => (await outbox.find(item!.id))!.dueAt.getTime() - db.clock.now().getTime();
    let wait = await dueAfter();
    expect(wait).toBeGreaterThanOrEqual(TEST_DELIVERY.retryBaseMs * 0.5);
    expect(wait).toBeLessThanOrEqual(TEST_DELIVERY.retryBaseMs);
    // Nothing is due before the retry time.
    expect(await sweepOutbox(webhookDeliveryDeps(deps), outbox)).toMatchObject({ sent: 0, retrying: 0 });

    db.clock.advanceMs(wait);
    expect(await sweepOutbox(webhookDeliveryDeps(deps), outbox)).toMatchObject({ retrying: 1 });
    wait = await dueAfter();
    expect(wait).toBeGreaterThanOrEqual(300_000); // Retry-After wins over the shorter backoff

    db.clock.advanceMs(wait);
    expect(await sweepOutbox(webhookDeliveryDeps(deps), outbox)).toMatchObject({ retrying: 1 });
    wait = await dueAfter();
    expect(wait).toBeGreaterThanOrEqual(TEST_DELIVERY.leaseMs / 4); // a time-out may have arrived: wait before re-sending

    db.clock.advanceMs(wait);
    expect(await sweepOutbox(webhookDeliveryDeps(deps), outbox)).toMatchObject({ sent: 1 });
    expect(await outbox.find(item!.id)).toMatchObject({ status: 'sent', attempts: 4 });

    const eventId = `evt_contract.requested_${contract.id}_r${contract.revision}`;
    expect(receiver.received.map((r) => [r.id, r.verified])).toEqual([
      [eventId, true],
      [eventId, true],
      [eventId, true],
      [eventId, true],
    ]);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect([...receiver.processed.keys()].filter((k) => k === eventId)).toHaveLength(1);
    expect((await subscriptions.listAttempts(sub.id, 10)).map((a) => [a.attempt, a.outcome, a.httpStatus ?? a.error])).toEqual([
      [4, 'delivered', 204],
      [3, 'retrying', 'no answer within 500 ms'],
      [2, 'retrying', 429],
      [1, 'retrying', 503],
    ]);

    // The same event published again (a retried job, a second worker) is queued once.
    const again = await publishEvent(deps, {
      id: eventId,
      type: 'contract.requested',
      timestamp: contract.updatedAt.toISOString(),
      subjectId: contract.id,
      data: {},
    });
    expect(again).toEqual([]);
    await subscriptions.remove(sub.id);
  });

  it('does not retry a 4xx refusal, and logs it', async () => {
    const sub = await subscribe('/gone', ['contract.requested']);
    receiver.behave({ status: 410 });
    await newContract('Gone Ltd');
    const [item] = claimed;
    expect(await deliverClaimed()).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(await outbox.find(item!.id)).toMatchObject({ status: 'failed', problems: { '0': 'HTTP 410' } });
    db.clock.advanceMs(TEST_DELIVERY.retryMaxMs * 2);
    expect(await sweepOutbox(webhookDeliveryDeps(deps), outbox)).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    expect(await subscriptions.listAttempts(sub.id, 10)).toEqual([expect.objectContaining({ outcome: 'failed', httpStatus: 410 })]);
    await subscriptions.remove(sub.id);
  });

  it('disables a subscription after a run of failed attempts, tells the admins once, and sends again once re-enabled', async () => {
    const sub = await subscribe('/down', ['contract.requested']);
    receiver.behave({ status: 500, times: 100 });
    for (const name of ['Down 1', 'Down 2', 'Down 3']) await newContract(name);
    expect((await deliverClaimed()).map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
    expect((await subscriptions.get(sub.id))!.enabled).toBe(true);
    // The fourth failed attempt in a row (a retry) turns it off; the retry is dropped, not repeated.
    db.clock.advanceMs(TEST_DELIVERY.retryBaseMs);
    const report = await sweepOutbox(webhookDeliveryDeps(deps), outbox);
    expect(report.failed).toBeGreaterThanOrEqual(1);
    const off = (await subscriptions.get(sub.id))!;
    expect(off).toMatchObject({ enabled: false, disabledReason: 'the last 4 delivery attempts failed (the latest: HTTP 500)' });
    const notice = await notices.find(`webhook_disabled:${sub.id}:1`);
    expect(notice).toMatchObject({ kind: 'webhook_disabled', status: 'queued', deliveries: [{ target: { channelId: 'C_APPROVALS' } }] });
    expect((notice!.deliveries[0]!.message as { text: string }).text).toContain(`${sub.id} (${receiver.url}/down) was disabled`);
    expect(notice!.dueAt.getTime()).toBeLessThanOrEqual(db.clock.now().getTime()); // the sweeper posts it at once

    // Queued retries are dropped; new events are not queued for it.
    db.clock.advanceMs(TEST_DELIVERY.retryMaxMs);
    await sweepOutbox(webhookDeliveryDeps(deps), outbox);
    expect((await outbox.listDue(new Date(db.clock.now().getTime() + 86_400_000), 100)).filter((i) => i.details?.subscriptionId === sub.id)).toEqual([]);
    await newContract('While off');
    expect(claimed).toEqual([]);
    expect(await db.connection.collection('chat_messages').countDocuments({ kind: 'webhook_disabled' })).toBe(1);

    // Re-enabled (a new generation): events go out again; a later disable would be a new notice.
    receiver.received.length = 0;
    (receiver as unknown as { queue: unknown[] }).queue.length = 0;
    const on = await subscriptions.setEnabled(sub.id, true, db.clock.now());
    expect(on).toMatchObject({ enabled: true, generation: 2 });
    await newContract('Back on');
    expect((await deliverClaimed()).map((r) => r.status)).toEqual(['sent']);
    expect(receiver.received.map((r) => r.status)).toEqual([204]);
    await subscriptions.remove(sub.id);
  });

  it('reports renewal nudges, obligations due, a roll-over and a termination once each', async () => {
    const sub = await subscribe('/ops', ['renewal.nudged', 'obligation.due', 'contract.renewed', 'contract.expired', 'contract.terminated']);
    const today = calendarDateIn(db.clock.now());
    const termEnd = addDays(today, 60);
    const active = await createContract(store, {
      terms: { title: 'Hosting MSA', type: 'msa', counterparty: 'Ops Cloud', startDate: addDays(today, -300), endDate: termEnd, noticePeriodDays: 30 },
      owner: alice,
      requester: alice,
      actor: alice,
      status: 'active',
      auditAction: 'imported',
    });
    expect(claimed).toEqual([]); // an import is not a request

    const renewals = await renewalDepsFor({ connection: db.connection, store });
    const due = { termEnd, deadline: addDays(termEnd, -30), offset: 30, skipped: [] };
    await sendRenewalNudge(renewals, active, due);
    expect(await sendRenewalNudge(renewals, active, due)).toBe('taken');
    expect(claimed.map((i) => i.details?.eventType)).toEqual(['renewal.nudged']);
    expect(claimed[0]!.deliveries[0]!.message).toMatchObject({
      type: 'renewal.nudged',
      data: { contract: { ref: active.ref }, termEnd, noticeDeadline: due.deadline, daysBeforeDeadline: 30, kind: 'decide' },
    });
    claimed = [];

    const obligations = {
      ...store,
      obligations: await createMongoObligationRepository(db.connection),
      reminders: await createMongoOutbox(db.connection, 'obligation_reminders'),
      notifier: new RecordingNotifier(),
      users: utcUserDirectory,
      delivery: TEST_DELIVERY,
    };
    await addObligation(obligations, { contractId: active.id, kind: 'payment', title: 'Q1 invoice', dueDate: today, owner: alice, actor: alice });
    await addObligation(obligations, { contractId: active.id, kind: 'payment', title: 'Q2 invoice', dueDate: addDays(today, 7), owner: alice, actor: alice });
    await runObligationReminders(obligations);
    await runObligationReminders(obligations);
    expect(claimed.map((i) => [i.details?.eventType, (i.deliveries[0]!.message as WebhookEvent).data.obligation])).toEqual([
      ['obligation.due', expect.objectContaining({ title: 'Q1 invoice', dueDate: today })],
    ]);
    claimed = [];

    // An auto-renewing contract rolling over (the renewal scan's write) is a renewal.
    const rolled = await store.contracts.update(
      active.id,
      (await store.contracts.findById(active.id))!.revision,
      { set: { endDate: addDays(termEnd, 365) } },
      { actor: alice, action: 'rolled_over', fromStatus: 'active', toStatus: 'active' },
    );
    expect(claimed.map((i) => (i.deliveries[0]!.message as WebhookEvent).data)).toEqual([
      expect.objectContaining({ action: 'rolled_over', contract: expect.objectContaining({ endDate: rolled!.endDate }) }),
    ]);
    expect(claimed.map((i) => i.details?.eventType)).toEqual(['contract.renewed']);
    claimed = [];
    // A change that is no event (an edit of the terms) publishes nothing.
    await store.contracts.update(
      active.id,
      rolled!.revision,
      { set: { governingLaw: 'Ireland' } },
      { actor: alice, action: 'import_updated', fromStatus: 'active', toStatus: 'active' },
    );
    expect(claimed).toEqual([]);
    await transitionContract(store, { contractId: active.id, action: 'terminate', actor: alice });
    expect(claimed.map((i) => i.details?.eventType)).toEqual(['contract.terminated']);
    claimed = [];
    await subscriptions.remove(sub.id);
  });
});
