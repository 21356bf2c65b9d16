import { composeServices } from '../../src/app/compose-services.js';
import { openWebhooks, withWebhookEvents, type WebhookServices } from '../../src/app/open-webhooks.js';
import { loadEnv } from '../../src/config/env.js';
import { webhookEventId } from '../../src/core/domain/webhook-event.js';
import type { ContractStoreDeps } from '../../src/core/services/contract-store-deps.js';
import { createContract } from '../../src/core/services/create-contract.js';
import { webhookItemId } from '../../src/core/services/publish-event.js';
import { recoverContractEvents } from '../../src/core/services/recover-contract-events.js';
import { transitionContract } from '../../src/core/services/transition-contract.js';
import type { WebhookSubscription } from '../../src/core/ports/webhook-subscriptions.js';
import { createLogger } from '../../src/infra/logger.js';
import { JOB_NAMES } from '../../src/jobs/job-names.js';
import { startJobs, type RunningJobs } from '../../src/jobs/start-jobs.js';
import { WEBHOOK_RECOVERY } from '../../src/jobs/webhook-recovery-job.js';
import { auditEventModel } from '../../src/infra/mongo/models/audit-event-model.js';
import { auditEventDoc, transitionEventId } from '../../src/infra/mongo/mongo-audit-log.js';
import { WebhookReceiver } from '../emulators/webhook-receiver.js';
import { useTestDatabase } from '../support/database.js';
import { waitUntil } from '../support/wait-bound.js';

const SECRET = `whsec_${Buffer.from('a-test-secret-of-at-least-24-bytes').toString('base64')}`;
const alice = { platform: 'slack' as const, id: 'U_ALICE', email: 'alice@example.com' };
const MINUTE = 60_000;

/**
 * A contract change whose webhook event could not be queued right after the write (the outbox
 * claim fails once, as in a database hiccup) is queued by webhooks.recover from the audit trail:
 * the action succeeds, the event reaches the subscriber once, and no run (or second runner)
 * queues anything twice.
 */
describe('webhooks.recover queues the events of contract changes whose publishing failed', () => {
  const db = useTestDatabase('webhook_recovery', '2026-12-01T09:00:00Z');
  const receiver = new WebhookReceiver();
  let webhooks: WebhookServices;
  let store: ContractStoreDeps;
  let jobs: RunningJobs;
  let subscription: WebhookSubscription;
  /** How many of the next outbox claims fail (a database hiccup between the write and the claim). */
  let failClaims = 0;
  let completed = 0;
  const logs: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    await receiver.start();
    receiver.setSecret(SECRET);
    const env = loadEnv({ LOG_LEVEL: 'silent' });
    const logger = createLogger('warn', { write: (line: string) => void logs.push(JSON.parse(line)) } as unknown as NodeJS.WritableStream);
    webhooks = await openWebhooks({ env, logger, clock: db.clock, connection: db.connection });
    const claim = webhooks.outbox.claim.bind(webhooks.outbox);
    webhooks.outbox.claim = async (...args) => {
      if (failClaims > 0) {
        failClaims--;
        throw new Error('connection reset by the database');
      }
      return claim(...args);
    };
    store = withWebhookEvents(db.store, webhooks.publisher);
    const { ctx } = await composeServices({ env, logger, clock: db.clock, connection: db.connection, store, webhooks, chat: () => ({}) });
    subscription = (
      await webhooks.subscriptions.create(
        { url: `${receiver.url}/crm`, events: ['contract.requested', 'contract.approved'], createdBy: 'test', secret: SECRET },
        db.clock.now(),
      )
    ).subscription;
    jobs = await startJobs(ctx, { processEvery: 200, runAtStart: false, schedule: false, lockLifetime: 4_000 });
    jobs.agenda.on(`complete:${JOB_NAMES.webhookRecovery}`, () => completed++);
  });
  afterAll(async () => {
    await jobs?.stop();
    await webhooks?.idle(5_000);
    await receiver.stop();
  });

  const runRecovery = async () => {
    const before = completed;
    await jobs.agenda.now(JOB_NAMES.webhookRecovery);
    await waitUntil(() => completed > before, 30_000, 'the webhooks.recover run');
    await webhooks.idle(10_000);
  };
  const newContract = (counterparty: string) =>
    createContract(store, {
      terms: { title: `MSA with ${counterparty}`, type: 'msa', counterparty, autoRenews: false },
      owner: alice,
      requester: alice,
      actor: alice,
    });
  /** The webhook outbox's items of one event (any subscription). */
  const itemsOf = async (eventId: string) =>
    (
      await db.connection
        .collection<{ _id: string }>('webhook_deliveries')
        .find({ _id: { $in: [webhookItemId(eventId, subscription.id)] } }, { projection: { _id: 1 } })
        .toArray()
    ).map((d) => d._id);
  const receivedOf = (eventId: string) => receiver.received.filter((r) => r.id === eventId);

  it('a publish that fails once: the action succeeds, the job queues the event once and it is delivered once', async () => {
    failClaims = 1;
    const contract = await newContract('Acme');
    expect(contract.ref).toMatch(/^C-/);
    expect(failClaims).toBe(0); // the failure was spent on this event
    const requested = webhookEventId('contract.requested', contract.id, `r${contract.revision}`);
    expect(await itemsOf(requested)).toEqual([]);
    // One warning without a stack, naming the event; the recovery job takes it from there.
    const warning = logs.find((l) => l.msg === 'could not queue a webhook event; the recovery job queues it');
    expect(warning).toMatchObject({ level: 40, eventId: requested, type: 'contract.requested', error: 'connection reset by the database' });
    expect(JSON.stringify(warning)).not.toContain('stack');

    // A later move publishes normally and is not queued again by the job.
    await transitionContract(store, { contractId: contract.id, action: 'submit', actor: alice });
    const approved = await transitionContract(store, { contractId: contract.id, action: 'approve', actor: alice });
    const approvedId = webhookEventId('contract.approved', contract.id, `r${approved.revision}`);
    await webhooks.idle(10_000);
    expect(await itemsOf(approvedId)).toHaveLength(1);

    db.clock.advanceMs(WEBHOOK_RECOVERY.settleMs + MINUTE);
    await runRecovery();
    expect(await itemsOf(requested)).toHaveLength(1);
    await waitUntil(() => receiver.processed.has(requested), 10_000, 'the recovered event at the receiver');
    expect(receivedOf(requested)).toHaveLength(1);
    expect(receivedOf(requested)[0]).toMatchObject({ verified: true, status: 204 });
    // The recovered event carries the contract as it was at that change (it has moved on since).
    expect(JSON.parse(receivedOf(requested)[0]!.body)).toMatchObject({
      type: 'contract.requested',
      timestamp: contract.updatedAt.toISOString(),
      data: { contract: { ref: contract.ref, status: 'draft' }, action: 'created', toStatus: 'draft', actor: { id: 'U_ALICE' } },
    });
    expect(receivedOf(approvedId)).toHaveLength(1);
  }, 90_000);

  it('running it again, and two runs at once, queue nothing twice', async () => {
    failClaims = 1;
    const contract = await newContract('Globex');
    const requested = webhookEventId('contract.requested', contract.id, 'r0');
    expect(await itemsOf(requested)).toEqual([]);
    db.clock.advanceMs(WEBHOOK_RECOVERY.settleMs + MINUTE);

    // Two workers at once: both see the item missing, one claim wins.
    const deps = {
      audit: db.store.audit,
      contracts: db.store.contracts,
      subscriptions: webhooks.subscriptions,
      outbox: webhooks.outbox,
      clock: db.clock,
      republish: webhooks.republish,
    };
    const [a, b] = await Promise.all([recoverContractEvents(deps, WEBHOOK_RECOVERY), recoverContractEvents(deps, WEBHOOK_RECOVERY)]);
    expect(a.queued + b.queued).toBe(1);
    expect(a.failed).toEqual([]);
    expect(b.failed).toEqual([]);
    await runRecovery();
    await runRecovery();
    expect(await itemsOf(requested)).toHaveLength(1);
    await waitUntil(() => receiver.processed.has(requested), 10_000, 'the recovered event at the receiver');
    await webhooks.idle(10_000);
    expect(receivedOf(requested)).toHaveLength(1);
    // Nothing in the whole outbox twice, and nothing sent twice.
    const ids = receiver.received.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const again = await recoverContractEvents(deps, WEBHOOK_RECOVERY);
    expect(again).toMatchObject({ missing: 0, queued: 0, failed: [] });
    expect(again.checked).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it('changes older than the window are not re-published; a subscription made after a change does not get it', async () => {
    failClaims = 1;
    const old = await newContract('Initech');
    const oldId = webhookEventId('contract.requested', old.id, 'r0');
    db.clock.advanceMs(WEBHOOK_RECOVERY.windowMs + MINUTE);

    failClaims = 1;
    const recent = await newContract('Umbrella');
    const recentId = webhookEventId('contract.requested', recent.id, 'r0');
    db.clock.advanceMs(MINUTE);
    const later = (
      await webhooks.subscriptions.create({ url: `${receiver.url}/later`, events: ['contract.requested'], createdBy: 'test', secret: SECRET }, db.clock.now())
    ).subscription;
    db.clock.advanceMs(WEBHOOK_RECOVERY.settleMs);
    await runRecovery();
    expect(await itemsOf(recentId)).toHaveLength(1);
    expect(await itemsOf(oldId)).toEqual([]);
    const laterItems = await db.connection
      .collection('webhook_deliveries')
      .countDocuments({ _id: { $in: [webhookItemId(recentId, later.id), webhookItemId(oldId, later.id)] } as never });
    expect(laterItems).toBe(0);
    await waitUntil(() => receiver.processed.has(recentId), 10_000, 'the recovered event at the receiver');
    expect(receivedOf(oldId)).toEqual([]);
  }, 90_000);

  it('a change whose writer died after claiming it (neither applied nor published) is rolled forward and published', async () => {
    const contract = await newContract('Hooli');
    const submitted = await transitionContract(store, { contractId: contract.id, action: 'submit', actor: alice });
    // What a process killed between the claim and the apply leaves: the approval's claimed audit event only.
    const revision = submitted.revision + 1;
    await auditEventModel(db.connection).create(
      auditEventDoc(
        { id: contract.id, ref: contract.ref },
        { actor: alice, action: 'approve', fromStatus: 'in_review', toStatus: 'approved' },
        db.clock.now(),
        {
          id: transitionEventId(contract.id, revision),
          revision,
          change: { status: 'approved' },
          listed: true,
        },
      ),
    );
    const approvedId = webhookEventId('contract.approved', contract.id, `r${revision}`);
    db.clock.advanceMs(WEBHOOK_RECOVERY.settleMs + MINUTE);
    await runRecovery();
    expect(await itemsOf(approvedId)).toHaveLength(1);
    await waitUntil(() => receiver.processed.has(approvedId), 10_000, 'the recovered approval at the receiver');
    expect(JSON.parse(receivedOf(approvedId)[0]!.body)).toMatchObject({
      type: 'contract.approved',
      data: { contract: { ref: contract.ref, status: 'approved' }, fromStatus: 'in_review', toStatus: 'approved' },
    });
    expect((await db.store.contracts.findById(contract.id))?.status).toBe('approved');
  }, 90_000);
});
