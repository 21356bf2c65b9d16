import { startService } from '../../../src/app/start-service.js';
import { loadEnv } from '../../../src/config/env.js';
import { createLogger } from '../../../src/infra/logger.js';
import { testMongoUri, uniqueDbName } from '../../support/database.js';
import { nowSeconds, postToSlack, slashCommandBody } from '../../support/slack-signing.js';
import { connectDatabase } from '../../../src/infra/mongo/connect-database.js';
import { approvalDelivery } from '../../../src/core/services/post-stage-cards.js';
import { sweepOutbox } from '../../../src/core/services/sweep-outbox.js';
import {
  APPROVALS_CHANNEL,
  click,
  messageWithButton,
  command,
  POLICY_FILE,
  replyText,
  requestThroughModal,
  SECRET,
  useSlackService,
  USERS,
  waitUntil,
} from './slack-harness.js';

const h = useSlackService('slack_resilience');

/** A database that stalls: every call on `target` waits until `gate` opens. */
function stalled<T extends object>(target: T, gate: Promise<void>): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await gate;
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
}

describe('Slack failures and request checks', () => {
  it('Slack failing on posting: the client does not re-post, the card waits in the outbox, the sweeper posts it once; the journey completes', async () => {
    h.slack.failAlways('chat.postMessage', { status: 500 });
    // The request itself succeeds; its card cannot be posted yet (the helper's wait for it may time out).
    const pending = requestThroughModal(h, USERS.rep.id, 'Flaky Networks').catch(() => undefined);
    const approvals = h.service.ctx.approvals;
    await waitUntil(async () => ((await approvals.messages.counts()).queued > 0 ? true : undefined), 10_000, 'the card queued for a retry');
    const cardPosts = () => h.slack.calls('chat.postMessage').filter((c) => c.args.channel === APPROVALS_CHANNEL);
    // `queued` counts an item from its claim, before its first attempt: wait for that attempt.
    await waitUntil(() => cardPosts().length > 0, 10_000, 'the first attempt to post the card');
    expect(cardPosts()).toHaveLength(1); // one try, no hidden re-post
    h.slack.clearFailures();
    // The sweeper's next run (an hour later, past any backoff) posts it.
    const later = { now: () => new Date(Date.now() + 3_600_000) };
    expect(await sweepOutbox({ ...approvalDelivery(approvals), clock: later }, approvals.messages)).toMatchObject({ sent: 1 });
    await pending;
    const card = await waitUntil(() => messageWithButton(h, APPROVALS_CHANNEL, 'approval.approve', (t) => t.includes('Flaky Networks')), 5_000, 'the card');
    const ref = /C-\d{4}-\d{4}/.exec(card.text)![0];
    expect(cardPosts().filter((c) => c.status === 200)).toHaveLength(1);
    expect(h.slack.deliveries(APPROVALS_CHANNEL).filter((d) => d.message.text.includes('Flaky Networks'))).toHaveLength(1);

    // chat.update keeps failing with 500: retried, then logged; the approval itself still counts.
    h.slack.failNext('chat.update', { status: 500, times: 50 });
    const legal = await click(h, { userId: USERS.legal.id, actionId: 'approval.approve', value: card.value, messageTs: card.ts, channelId: APPROVALS_CHANNEL });
    expect(await replyText(h, legal.replyId, 15_000)).toMatch(/You approved/);
    await waitUntil(() => h.logs.find((l) => l.msg === 'Slack message could not be updated' && l.level === 40), 15_000, 'update failure logged');
    const failedUpdates = h.slack.calls('chat.update').filter((c) => c.status === 500).length;
    expect(failedUpdates).toBeGreaterThanOrEqual(4); // the first try and three retries, per message
    h.slack.reset();
    expect((await h.service.ctx.approvals.approvals.listDecisions(JSON.parse(card.value).roundId)).length).toBe(1);
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('in_review');
  }, 60_000);

  it('answers Slack’s URL verification challenge (setting the request URL in the app config)', async () => {
    const res = await postToSlack(h.url, JSON.stringify({ token: 'x', challenge: 'challenge-123', type: 'url_verification' }), { secret: SECRET });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'challenge-123' });
  });

  it('answers a bad signature and a request older than five minutes with 401, handling nothing', async () => {
    const before = h.slack.calls().length;
    const forged = await postToSlack(h.url, slashCommandBody({ text: 'help' }), { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const old = await postToSlack(h.url, slashCommandBody({ text: 'help' }), { secret: SECRET, timestamp: nowSeconds() - 6 * 60 });
    expect(old.status).toBe(401);
    // A 401 is the receiver's answer before any listener is dispatched, so nothing can follow it.
    expect(h.slack.calls().length).toBe(before);
  });

  it('acknowledges commands and clicks without waiting for a stalled database; the work completes after', async () => {
    for (const u of Object.values(USERS)) h.slack.addUser(u);
    h.slack.addChannel({ id: APPROVALS_CHANNEL, name: 'contract-approvals' });
    const { card, roundId } = await requestThroughModal(h, USERS.rep.id, 'Slow Store Co');
    const deps = h.service.ctx.approvals;
    const realContracts = deps.contracts;
    const realApprovals = deps.approvals;
    // The database stays stalled until the test opens the gate, after every acknowledgement: an
    // acknowledgement that waited for the database would never arrive (bounded: fails in 10 s).
    let openGate!: () => void;
    const gate = new Promise<void>((r) => (openGate = r));
    deps.contracts = stalled(realContracts, gate);
    deps.approvals = stalled(realApprovals, gate);
    const bounded = async <T>(p: Promise<T>, what: string): Promise<T> => {
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} while the database is stalled`)), 10_000)));
      try {
        return await Promise.race([p, bound]);
      } finally {
        clearTimeout(timer);
      }
    };
    try {
      const list = await bounded(command(h, USERS.rep.id, 'list'), 'the list acknowledgement');
      expect(list.res.status).toBe(200);

      // The request modal opens while the database is stalled (a trigger id lasts 3 seconds).
      const opens = h.slack.calls('views.open').length;
      await bounded(command(h, USERS.rep.id, 'new msa'), 'the new-contract acknowledgement');
      await waitUntil(() => h.slack.calls('views.open').length > opens, 10_000, 'views.open');

      const approve = await bounded(
        click(h, { userId: USERS.legal.id, actionId: 'approval.approve', value: card.value, messageTs: card.ts, channelId: APPROVALS_CHANNEL }),
        'the click acknowledgement',
      );
      expect(approve.res.status).toBe(200);

      // Nothing has answered yet: the slow reads are still waiting for the database.
      expect(h.slack.responses(list.replyId)).toHaveLength(0);
      expect(h.slack.responses(approve.replyId)).toHaveLength(0);
      // The answers come once the database is back.
      openGate();
      expect(await replyText(h, list.replyId, 15_000)).toMatch(/Slow Store Co/);
      expect(await replyText(h, approve.replyId, 15_000)).toMatch(/You approved/);
    } finally {
      deps.contracts = realContracts;
      deps.approvals = realApprovals;
    }
    expect((await realApprovals.listDecisions(roundId)).length).toBe(1);
  }, 60_000);
});

describe('without Slack credentials', () => {
  it('starts, says Slack is off, and has no /slack/events route', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (l: string) => lines.push(l) } as unknown as NodeJS.WritableStream);
    const uri = testMongoUri();
    const dbName = uniqueDbName('slack_off');
    const service = await startService({
      env: loadEnv({ PLAYGROUND: 'off', PORT: '0', HOST: '127.0.0.1', MONGODB_URI: uri, MONGODB_DB_NAME: dbName, JOBS_ENABLED: 'false', POLICY_FILE }),
      logger,
      database: { kind: 'uri', uri, description: 'test database', stop: async () => undefined },
    });
    try {
      expect(lines.join('')).toContain('Slack is off');
      const health = (await (await fetch(`http://127.0.0.1:${service.port}/healthz`)).json()) as { surfaces: Record<string, string> };
      expect(health.surfaces.slack).toBe('off');
      expect(service.ctx.notifier.isOn('slack')).toBe(false);
      const res = await fetch(`http://127.0.0.1:${service.port}/slack/events`, { method: 'POST', body: 'x' });
      expect(res.status).toBe(404);
    } finally {
      await service.stop();
      const conn = await connectDatabase(uri, dbName);
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
    }
  });
});

describe('Socket Mode', () => {
  it('with SLACK_APP_TOKEN, connects through SLACK_API_URL without holding up start-up', async () => {
    const { SlackApiEmulator } = await import('../../emulators/slack-api-emulator.js');
    const slack = new SlackApiEmulator();
    await slack.start();
    const lines: string[] = [];
    const logger = createLogger('info', { write: (l: string) => lines.push(l) } as unknown as NodeJS.WritableStream);
    const uri = testMongoUri();
    const dbName = uniqueDbName('slack_socket');
    const service = await startService({
      env: loadEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        MONGODB_URI: uri,
        MONGODB_DB_NAME: dbName,
        JOBS_ENABLED: 'false',
        POLICY_FILE,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_APP_TOKEN: 'xapp-1-test',
        SLACK_API_URL: slack.apiUrl,
      }),
      logger,
      database: { kind: 'uri', uri, description: 'test database', stop: async () => undefined },
    });
    try {
      // The emulator has no Socket Mode: the connection call reaches it (not slack.com) and is retried.
      await waitUntil(() => slack.calls('apps.connections.open').length > 0, 5_000, 'apps.connections.open');
      expect(lines.join('')).toContain('Slack is on (Socket Mode)');
      expect(service.ctx.notifier.isOn('slack')).toBe(true);
      // No HTTP endpoint in Socket Mode.
      expect((await fetch(`http://127.0.0.1:${service.port}/slack/events`, { method: 'POST', body: 'x' })).status).toBe(404);
    } finally {
      await service.stop();
      await slack.stop();
      const conn = await connectDatabase(uri, dbName);
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
    }
  });
});
