/**
 * The hot look-ups are served from an index on the test database: the queries the repositories
 * really send (captured with the driver's command monitoring while a contract is created,
 * submitted and approved, an outbox item claimed and swept, and renewal decisions read) are
 * explained on the running server. On FerretDB (patched) that means `filterPushdown: true` and
 * an SQLite plan that searches an index; on MongoDB, an index scan (IXSCAN, IDHACK or
 * EXPRESS_IXSCAN) and no COLLSCAN in the winning plan.
 *
 * FerretDB v1 explains `find` (not updates or deletes); its updates and deletes read through the
 * same backend query with the same filter, so each captured filter is explained as a `find`.
 */
import { MongoPlaygroundMessages } from '../../src/infra/mongo/mongo-playground-messages.js';
import mongoose, { type Connection } from 'mongoose';
import { DEFAULT_DELIVERY_TIMING } from '../../src/core/ports/outbox.js';
import { ManualClock } from '../../src/core/ports/clock.js';
import { decideApproval } from '../../src/core/services/decide-approval.js';
import { submitForApproval } from '../../src/core/services/submit-for-approval.js';
import { createMongoOutbox } from '../../src/infra/mongo/mongo-outbox.js';
import { createMongoRenewalRepository } from '../../src/infra/mongo/mongo-renewal-repository.js';
import { createMongoStore } from '../../src/infra/mongo/mongo-store.js';
import { MongoSignatureRequests } from '../../src/infra/mongo/mongo-signature-requests.js';
import { MongoWebhookSubscriptions } from '../../src/infra/mongo/mongo-webhook-subscriptions.js';
import { testMongoUri, uniqueDbName, type TestDatabase } from '../support/database.js';
import { approvalDeps, draft, felix, lena, rep } from './approvals/approval-fixtures.js';

interface Captured {
  command: string;
  collection: string;
  filter: Record<string, unknown>;
  sort?: Record<string, unknown>;
}

describe('hot look-ups are index-backed on the test database', () => {
  let connection: Connection;
  const captured: Captured[] = [];
  const clock = new ManualClock('2026-03-01T09:00:00Z');
  let ferretdb = false;

  beforeAll(async () => {
    connection = mongoose.createConnection(testMongoUri(), { dbName: uniqueDbName('plans'), autoIndex: false, monitorCommands: true });
    await connection.asPromise();
    // FerretDB says so in buildInfo (also when the suite runs on MONGODB_URI).
    ferretdb = 'ferretdbVersion' in (await connection.db!.admin().command({ buildInfo: 1 }));
    connection.getClient().on('commandStarted', (e) => {
      const c = e.command as Record<string, unknown>;
      const push = (filter: unknown, sort?: unknown) =>
        captured.push({
          command: e.commandName,
          collection: String(c[e.commandName]),
          filter: (filter ?? {}) as Record<string, unknown>,
          ...(sort ? { sort: sort as Record<string, unknown> } : {}),
        });
      if (e.commandName === 'find') push(c.filter, c.sort);
      else if (e.commandName === 'count') push(c.query);
      else if (e.commandName === 'findAndModify') push(c.query, c.sort);
      else if (e.commandName === 'update') for (const u of c.updates as Array<{ q: unknown }>) push(u.q);
      else if (e.commandName === 'delete') for (const d of c.deletes as Array<{ q: unknown }>) push(d.q);
    });

    const store = await createMongoStore(connection, clock);
    const db = { connection, store, clock, dbName: connection.name, uri: testMongoUri() } as TestDatabase;
    const deps = await approvalDeps(db);
    // Some bulk, so that a table scan and an index search are not the same plan by accident.
    for (let i = 0; i < 5; i++) await draft(deps, { title: `Filler ${i}`, valueMajor: 1_000 });

    // An approval: create, submit, and an Approve click (the click path's reads).
    const c = await draft(deps, { valueMajor: 50_000 });
    const { round } = await submitForApproval(deps, { contractId: c.id, actor: rep });
    await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: lena, decision: 'approve' });
    await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: felix, decision: 'approve' });
    await deps.contracts.findByExternalId('EXT-42');
    await deps.approvals.listRoundsForContract(c.id);
    await deps.audit.listForContract(c.id);
    // The webhook recovery job's read of recent changes, a first page and the next.
    const recent = await deps.audit.listTransitions({ from: new Date(clock.now().getTime() - 86_400_000), to: clock.now(), limit: 2 });
    await deps.audit.listTransitions({ from: new Date(clock.now().getTime() - 86_400_000), to: clock.now(), after: recent.at(-1)?.cursor ?? '', limit: 2 });

    // An outbox: claims, the sweep of due items (retries, expired leases), look-ups by id and by ids.
    const outbox = await createMongoOutbox(connection, 'plan_outbox');
    const item = (id: string) => ({
      id,
      kind: 'renewal_nudge',
      subjectId: c.id,
      deliveries: [{ target: { kind: 'channel' as const, platform: 'slack' as const, channelId: 'C1' }, message: { text: id } }],
    });
    for (let i = 0; i < 5; i++) await outbox.claim(item(`n${i}`), clock.now(), DEFAULT_DELIVERY_TIMING);
    await outbox.existing(['n0', 'n1', 'zz']);
    await outbox.markSent('n0', clock.now(), { index: 0, ref: { platform: 'slack', channelId: 'C1', messageId: '1.1' } });
    await outbox.markFailed('n1', clock.now(), 'test');
    await outbox.listDue(new Date(clock.now().getTime() + 60_000), 10);
    await outbox.claimAttempt('n2', 2, clock.now(), new Date(clock.now().getTime() + 60_000));
    await outbox.find('n2');

    // Renewals: decisions by ids, snoozes by contract ids, the scan's cursor.
    const renewals = await createMongoRenewalRepository(connection);
    await renewals.findDecisions([{ contractId: c.id, termEnd: '2027-02-28' }]);
    await renewals.findDecision(c.id, '2027-02-28');
    await renewals.snoozesOf([c.id]);
    for await (const _batch of renewals.candidatesEndingBy('2027-06-01', 100)) void _batch;
    for await (const _batch of renewals.candidatesDue({ deadlineFrom: '2026-02-26', deadlineTo: '2026-05-30', endedBefore: '2026-03-01' }, 100)) void _batch;

    // E-signature: the envelope of a contract (contract show, callbacks), callback claims by id.
    const signatures = await new MongoSignatureRequests(connection).init();
    for (let i = 0; i < 3; i++) {
      await signatures.insert({
        id: `documenso:env${i}`,
        contractId: i === 0 ? c.id : `other${i}`,
        contractRef: c.ref,
        provider: 'documenso',
        envelopeId: `env${i}`,
        status: 'sent',
        signers: [],
        sentAt: clock.now(),
        sentBy: rep,
        updatedAt: clock.now(),
      });
    }
    await signatures.latestFor(c.id);
    await signatures.find('documenso', 'env0');
    await signatures.claimEvent('documenso', 'DOCUMENT_COMPLETED:1', clock.now());
    // Webhooks: a subscription by id (every attempt), its delivery log (every failure, the log endpoint).
    const webhooks = new MongoWebhookSubscriptions(connection);
    await webhooks.init();
    const subs = [];
    for (let i = 0; i < 3; i++)
      subs.push((await webhooks.create({ url: `https://hooks.example.com/${i}`, events: ['contract.signed'], createdBy: 'test' }, clock.now())).subscription);
    for (const s of subs) {
      for (let i = 0; i < 5; i++)
        await webhooks.recordAttempt({
          subscriptionId: s.id,
          eventId: `evt_${i}`,
          eventType: 'contract.signed',
          attempt: 1,
          at: clock.now(),
          outcome: 'delivered',
          httpStatus: 204,
          durationMs: 3,
        });
    }
    await webhooks.get(subs[1]!.id);
    await webhooks.secretOf(subs[1]!.id);
    await webhooks.listAttempts(subs[1]!.id, 10);
    // The playground: a conversation's messages (every page load), what changed since (each stream, every second).
    const playground = new MongoPlaygroundMessages(connection, clock);
    await playground.init();
    for (let i = 0; i < 5; i++)
      await playground.add({ conversation: i % 2 ? 'user:riley' : 'approvals', from: { kind: 'clause' }, content: { kind: 'typed', text: `m${i}` } });
    await playground.list('user:riley', 50);
    await playground.changedSince(['user:riley', 'approvals'], playground.seqAt(new Date(Date.now() - 5_000)));
  }, 120_000);

  afterAll(async () => {
    await connection?.dropDatabase().catch(() => undefined);
    await connection?.close();
  });

  async function explain(q: Captured): Promise<{ indexed: boolean; detail: string }> {
    const res = (await connection.db!.command({
      explain: { find: q.collection, filter: q.filter, ...(q.sort ? { sort: q.sort } : {}) },
      verbosity: 'queryPlanner',
    })) as { filterPushdown?: boolean; queryPlanner?: { Plan?: string[]; winningPlan?: unknown } };
    if (ferretdb) {
      const plan = (res.queryPlanner?.Plan ?? []).join(' | ');
      return { indexed: res.filterPushdown === true && plan.includes('USING INDEX'), detail: `filterPushdown ${res.filterPushdown}; ${plan}` };
    }
    const winning = JSON.stringify(res.queryPlanner?.winningPlan ?? {});
    return { indexed: /"(IXSCAN|IDHACK|EXPRESS_IXSCAN|EXPRESS_IDHACK)"/.test(winning) && !winning.includes('COLLSCAN'), detail: winning };
  }

  const collectionOf = (model: string) => connection.models[model]!.collection.collectionName;

  const HOT: Array<{ name: string; matches: (q: Captured) => boolean }> = [
    { name: 'claims and documents by _id', matches: (q) => Object.keys(q.filter)[0] === '_id' && typeof q.filter._id !== 'object' },
    { name: 'claims and documents by _id $in', matches: (q) => Object.keys(q.filter)[0] === '_id' && Boolean((q.filter._id as { $in?: unknown })?.$in) },
    { name: 'contracts by _id (ObjectId)', matches: (q) => q.collection === 'contracts' && q.filter._id instanceof mongoose.mongo.ObjectId },
    { name: 'contracts by external key', matches: (q) => q.collection === 'contracts' && 'externalKey' in q.filter },
    { name: 'outbox by status and due time', matches: (q) => q.collection === 'plan_outbox' && 'status' in q.filter && 'claimedAt' in q.filter },
    { name: 'approval rounds by contract', matches: (q) => q.collection === collectionOf('ApprovalRound') && 'contractId' in q.filter },
    { name: 'approval claims, messages and decisions by round', matches: (q) => 'roundId' in q.filter },
    { name: 'audit events by contract', matches: (q) => q.collection === collectionOf('AuditEvent') && 'contractId' in q.filter },
    { name: 'recent contract changes (the webhook recovery job)', matches: (q) => q.collection === collectionOf('AuditEvent') && 'transitionKey' in q.filter },
    { name: 'renewal snoozes by contract ids', matches: (q) => q.collection === collectionOf('RenewalSnooze') && 'contractId' in q.filter },
    { name: 'signature envelopes by contract', matches: (q) => q.collection === 'signature_requests' && 'contractId' in q.filter },
    {
      name: 'the renewal scan (status, then end date)',
      matches: (q) => q.collection === 'contracts' && q.filter.status === 'active' && 'effectiveEndDate' in q.filter,
    },
    {
      name: 'the daily renewal scan by notice deadline',
      matches: (q) => q.collection === 'contracts' && Boolean((q.filter.noticeDeadline as { $in?: unknown } | undefined)?.$in),
    },
    { name: 'a webhook subscription by id', matches: (q) => q.collection === 'webhook_subscriptions' && '_id' in q.filter },
    { name: "a webhook subscription's delivery log", matches: (q) => q.collection === 'webhook_attempts' && 'subscriptionId' in q.filter },
    { name: "a playground conversation's messages", matches: (q) => q.collection === 'playground_messages' && 'conversation' in q.filter },
    { name: 'playground messages written since (the live streams)', matches: (q) => q.collection === 'playground_messages' && 'seq' in q.filter },
  ];

  it.each(HOT.map((h) => [h.name, h] as const))('%s', async (_name, hot) => {
    const queries = captured.filter(hot.matches);
    expect(queries.length).toBeGreaterThan(0);
    const notIndexed: string[] = [];
    const seen = new Set<string>();
    for (const q of queries) {
      const key = `${q.collection} ${JSON.stringify(q.filter)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { indexed, detail } = await explain(q);
      if (!indexed) notIndexed.push(`${q.command} ${key}: ${detail}`);
    }
    expect(notIndexed).toEqual([]);
  });
});
