import { claimAndDeliver } from '../../src/core/services/deliver-outbox-item.js';
import { startService } from '../../src/app/start-service.js';
import type { ChatSurface } from '../../src/app/chat-surfaces.js';
import { loadEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/infra/logger.js';
import { testMongoUri, uniqueDbName } from '../support/database.js';

/** A surface with one slow route: its request is in flight when the service is told to stop. */
function slowSurface(started: () => void, release: Promise<void>): ChatSurface {
  return {
    name: 'slow',
    mount: async (_services, { http }) => {
      http.get('/slow', async (_req, res) => {
        started();
        await release;
        res.json({ done: true });
      });
      return 'on';
    },
  };
}

describe('stopping the web process', () => {
  it('lets a request in flight finish, refuses new connections, then stops; /healthz shows messages waiting for a platform that is off, and why', async () => {
    const uri = testMongoUri();
    let inFlight!: () => void;
    const requestStarted = new Promise<void>((r) => (inFlight = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const service = await startService({
      env: loadEnv({
        PLAYGROUND: 'off',
        PORT: '0',
        HOST: '127.0.0.1',
        MONGODB_URI: uri,
        MONGODB_DB_NAME: uniqueDbName('graceful'),
        JOBS_ENABLED: 'false',
        SHUTDOWN_GRACE_MS: '10000',
      }),
      logger: createLogger('silent'),
      surfaces: [slowSurface(inFlight, released)],
      database: { kind: 'uri', uri, description: 'test database', stop: async () => undefined },
    });
    const url = `http://127.0.0.1:${service.port}`;
    // Slack is off in this service: a message for a Slack user waits for it (not "sent"), and /healthz says so.
    const approvals = service.ctx.approvals;
    const outcome = await claimAndDeliver({ notifier: approvals.notifier, clock: approvals.clock, delivery: approvals.delivery }, approvals.messages, {
      id: 'waiting-1',
      kind: 'next_step',
      subjectId: 'r1',
      deliveries: [{ target: { kind: 'user', user: { platform: 'slack', id: 'U0WAIT' } }, message: { text: 'hello' } }],
    });
    expect(outcome).toMatchObject({ status: 'queued', waitingFor: 'slack' });
    const health = (await (await fetch(`${url}/healthz`)).json()) as { deliveries?: unknown };
    expect(health.deliveries).toEqual({ queued: 1, waiting: { slack: 1 }, failed: 0, why: { slack: expect.stringContaining('slack is not configured') } });
    await service.ctx.connection.dropDatabase(); // nothing below needs the data

    const slow = fetch(`${url}/slow`);
    await requestStarted;
    const stopped = service.stop();
    // New connections are refused while the request in flight still runs.
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    release();
    const res = await slow;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await stopped;
  });
});
