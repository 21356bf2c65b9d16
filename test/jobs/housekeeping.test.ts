import { composeServices } from '../../src/app/compose-services.js';
import { openWebhooks } from '../../src/app/open-webhooks.js';
import { loadEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/infra/logger.js';
import { ManualClock } from '../../src/core/ports/clock.js';
import { MongoFormSubmissions } from '../../src/infra/mongo/mongo-form-submissions.js';
import { MongoIdempotency } from '../../src/infra/mongo/mongo-idempotency.js';
import { JOB_NAMES } from '../../src/jobs/job-names.js';
import { startJobs } from '../../src/jobs/start-jobs.js';
import { useTestDatabase } from '../support/database.js';
import { waitUntil } from '../support/wait-bound.js';

const DAY = 86_400_000;

describe('housekeeping.prune deletes what is kept only for a while', () => {
  const db = useTestDatabase('housekeeping', '2026-12-01T04:15:00Z');

  it('the webhook delivery log after WEBHOOK_LOG_RETENTION_DAYS, idempotency keys after API_IDEMPOTENCY_RETENTION_DAYS; the rest stays', async () => {
    const env = loadEnv({ LOG_LEVEL: 'silent', WEBHOOK_LOG_RETENTION_DAYS: '30', API_IDEMPOTENCY_RETENTION_DAYS: '7' });
    const logger = createLogger('silent');
    const webhooks = await openWebhooks({ env, logger, clock: db.clock, connection: db.connection });
    const { ctx } = await composeServices({ env, logger, clock: db.clock, connection: db.connection, store: db.store, webhooks, chat: () => ({}) });
    const now = db.clock.now().getTime();
    const ago = (days: number) => new Date(now - days * DAY);

    const { subscription } = await webhooks.subscriptions.create(
      { url: 'https://crm.example.com/hooks', events: ['contract.signed'], createdBy: 'test' },
      db.clock.now(),
    );
    for (const [eventId, days] of [
      ['old-1', 45],
      ['old-2', 31],
      ['recent', 29],
      ['today', 0],
    ] as const) {
      await webhooks.subscriptions.recordAttempt({
        subscriptionId: subscription.id,
        eventId,
        eventType: 'contract.signed',
        attempt: 1,
        at: ago(days),
        outcome: 'delivered',
        httpStatus: 204,
        durationMs: 12,
      });
    }
    const idempotency = new MongoIdempotency(db.connection);
    await idempotency.claim('key-1', 'deal-old', 'hash', ago(8));
    await idempotency.claim('key-1', 'deal-recent', 'hash', ago(6));

    const jobs = await startJobs(ctx, { processEvery: 200, runAtStart: false, schedule: false, lockLifetime: 4_000 });
    let completed = 0;
    jobs.agenda.on(`complete:${JOB_NAMES.housekeeping}`, () => completed++);
    try {
      await jobs.agenda.now(JOB_NAMES.housekeeping);
      await waitUntil(() => completed >= 1, 30_000, 'the housekeeping run');
    } finally {
      await jobs.stop();
    }
    const left = await webhooks.subscriptions.listAttempts(subscription.id, 100);
    expect(left.map((a) => a.eventId).sort()).toEqual(['recent', 'today']);
    // The old key is forgotten (a new claim), the recent one still replays its claim.
    expect((await idempotency.claim('key-1', 'deal-old', 'other-hash', db.clock.now())).kind).toBe('claimed');
    expect((await idempotency.claim('key-1', 'deal-recent', 'other-hash', db.clock.now())).kind).toBe('mismatch');
  }, 60_000);

  it('chat form claims after FORM_CLAIM_RETENTION_DAYS: a recent form still cannot be submitted twice; greetings stay', async () => {
    const env = loadEnv({ LOG_LEVEL: 'silent', FORM_CLAIM_RETENTION_DAYS: '7', API_IDEMPOTENCY_RETENTION_DAYS: '0' });
    const { ctx } = await composeServices({
      env,
      logger: createLogger('silent'),
      clock: db.clock,
      connection: db.connection,
      store: db.store,
      chat: () => ({}),
    });
    const now = db.clock.now().getTime();
    // Claims made in the past: the same collection, through a store whose clock stands then.
    const claimAt = async (id: string, days: number, result?: string) => {
      const forms = new MongoFormSubmissions(db.connection, new ManualClock(new Date(now - days * DAY)));
      expect(await forms.claim(id)).toBe(true);
      if (result) await forms.complete(id, result);
    };
    await claimAt('slack-view:V0OLD', 30, JSON.stringify({ text: 'Filed C-2026-0001' }));
    await claimAt('old-unfinished', 8);
    await claimAt('slack-view:V0RECENT', 6, JSON.stringify({ text: 'Filed C-2026-0002' }));
    await claimAt('teams-form-today', 0);
    await claimAt('welcome:19:old-conversation@thread.v2', 400);

    const jobs = await startJobs(ctx, { processEvery: 200, runAtStart: false, schedule: false, lockLifetime: 4_000 });
    let completed = 0;
    jobs.agenda.on(`complete:${JOB_NAMES.housekeeping}`, () => completed++);
    try {
      await jobs.agenda.now(JOB_NAMES.housekeeping);
      await waitUntil(() => completed >= 1, 30_000, 'the housekeeping run');
    } finally {
      await jobs.stop();
    }
    const left = await db.connection
      .collection<{ _id: string }>('chat_form_submissions')
      .find({}, { projection: { _id: 1 } })
      .toArray();
    expect(left.map((d) => d._id).sort()).toEqual(['slack-view:V0RECENT', 'teams-form-today', 'welcome:19:old-conversation@thread.v2']);
    // The recent form submitted again is still refused, and still answers with its first confirmation.
    expect(await ctx.forms.claim('slack-view:V0RECENT')).toBe(false);
    expect(await ctx.forms.result('slack-view:V0RECENT')).toBe(JSON.stringify({ text: 'Filed C-2026-0002' }));
    expect(await ctx.forms.claim('teams-form-today')).toBe(false);
    // The greeting is still claimed (Teams announcing the install again greets nobody twice).
    expect(await ctx.forms.claim('welcome:19:old-conversation@thread.v2')).toBe(false);
    // A pruned one is forgotten.
    expect(await ctx.forms.result('slack-view:V0OLD')).toBeUndefined();
    // The prune goes by the indexed date.
    const indexes = await db.connection.collection('chat_form_submissions').indexes();
    expect(indexes.map((i) => i.key)).toContainEqual({ at: 1 });
  }, 60_000);

  it('0 keeps records forever', async () => {
    const env = loadEnv({ LOG_LEVEL: 'silent', WEBHOOK_LOG_RETENTION_DAYS: '0', API_IDEMPOTENCY_RETENTION_DAYS: '0', FORM_CLAIM_RETENTION_DAYS: '0' });
    const { ctx } = await composeServices({
      env,
      logger: createLogger('silent'),
      clock: db.clock,
      connection: db.connection,
      store: db.store,
      chat: () => ({}),
    });
    const idempotency = new MongoIdempotency(db.connection);
    await idempotency.claim('key-2', 'ancient', 'hash', new Date(db.clock.now().getTime() - 900 * DAY));
    const ancientForms = new MongoFormSubmissions(db.connection, new ManualClock(new Date(db.clock.now().getTime() - 900 * DAY)));
    expect(await ancientForms.claim('slack-view:V0ANCIENT')).toBe(true);
    const { pruneOldRecords } = await import('../../src/core/services/prune-old-records.js');
    expect(await pruneOldRecords(ctx.prunable, db.clock)).toEqual({ deleted: {}, failed: {} });
    expect((await idempotency.claim('key-2', 'ancient', 'other', db.clock.now())).kind).toBe('mismatch');
    expect(await ctx.forms.claim('slack-view:V0ANCIENT')).toBe(false);
  });
});
