import { composeServices } from '../../src/app/compose-services.js';
import { openWebhooks } from '../../src/app/open-webhooks.js';
import { loadEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/infra/logger.js';
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

  it('0 keeps records forever', async () => {
    const env = loadEnv({ LOG_LEVEL: 'silent', WEBHOOK_LOG_RETENTION_DAYS: '0', API_IDEMPOTENCY_RETENTION_DAYS: '0' });
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
    const { pruneOldRecords } = await import('../../src/core/services/prune-old-records.js');
    expect(await pruneOldRecords(ctx.prunable, db.clock)).toEqual({ deleted: {}, failed: {} });
    expect((await idempotency.claim('key-2', 'ancient', 'other', db.clock.now())).kind).toBe('mismatch');
  });
});
