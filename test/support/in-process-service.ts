import { startService, type RunningService } from '../../src/app/start-service.js';
import { loadEnv } from '../../src/config/env.js';
import { chatSurfaces, type ChatSurface } from '../../src/app/chat-surfaces.js';
import type { Clock } from '../../src/core/ports/clock.js';
import { createLogger } from '../../src/infra/logger.js';
import { testMongoUri, uniqueDbName } from './database.js';
import { logCapture, type LogLine } from './log-capture.js';

export interface ServiceFixture {
  /** The started service (valid between beforeAll and afterAll). */
  readonly service: RunningService;
  /** Its base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  /** The service's log lines, parsed. */
  readonly logs: LogLine[];
}

/**
 * Starts the real service in-process for the calling test file (beforeAll) on a random loopback
 * port, in a database of its own on the test server (dropped in afterAll), composed as `npm start`
 * composes it (the chat surfaces of chatSurfaces(), off without their credentials; or
 * `options.surfaces`), with no jobs and no playground unless `env` says so (PLAYGROUND: 'on').
 * `env` takes the service's variables as strings, as in a .env file; nothing comes from
 * process.env.
 */
export function useService(label: string, env: Record<string, string> = {}, options: { clock?: Clock; surfaces?: ChatSurface[] } = {}): ServiceFixture {
  let service: RunningService | undefined;
  const logs: LogLine[] = [];
  beforeAll(async () => {
    service = await startService({
      env: loadEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        MONGODB_URI: testMongoUri(),
        MONGODB_DB_NAME: uniqueDbName(label),
        JOBS_ENABLED: 'false',
        PLAYGROUND: 'off',
        ...env,
      }),
      logger: createLogger('info', logCapture(logs)),
      ...(options.clock ? { clock: options.clock } : {}),
      surfaces: options.surfaces ?? chatSurfaces(),
    });
  }, 60_000);
  afterAll(async () => {
    await service?.ctx.connection.dropDatabase().catch(() => undefined);
    // A short grace: a page left open (an event stream) must not hold the test run.
    await service?.stop(2_000);
  }, 60_000);
  return {
    get service() {
      if (!service) throw new Error('the service runs between beforeAll and afterAll');
      return service;
    },
    get url() {
      return `http://127.0.0.1:${this.service.port}`;
    },
    logs,
  };
}
