import { createServer, type Server } from 'node:http';
import type { Env } from '../config/env.js';
import { systemClock, type Clock } from '../core/ports/clock.js';
import { createHttpApp, finishHttpApp } from '../http/create-http-app.js';
import { mountApi } from '../http/api/mount-api.js';
import type { Logger } from '../infra/logger.js';
import { pingDatabase } from '../infra/mongo/connect-database.js';
import type { ProvisionedDatabase } from '../infra/mongo/provision/provision-database.js';
import type { AppContext } from './app-context.js';
import { openDatabase } from './open-database.js';
import { chatSurfaces, type ChatSurface } from './chat-surfaces.js';
import { NotifierRouter } from './notifier-router.js';
import { openApprovals } from './open-approvals.js';
import { loadPolicyFile } from '../infra/policy/load-policy-file.js';
import { startJobs, type RunningJobs } from '../jobs/start-jobs.js';
import { EventLoopDelayMonitor } from '../infra/event-loop-delay.js';

export interface RunningService {
  ctx: AppContext;
  server: Server;
  port: number;
  database: ProvisionedDatabase;
  stop(): Promise<void>;
}

export interface StartOptions {
  env: Env;
  logger: Logger;
  clock?: Clock;
  surfaces?: ChatSurface[];
  /** Use this already-provisioned database instead of resolving one (tests). */
  database?: ProvisionedDatabase;
}

/** Brings up the database, the store, the chat surfaces and the HTTP server. */
export async function startService(options: StartOptions): Promise<RunningService> {
  const { env, logger } = options;
  const clock = options.clock ?? systemClock;
  // Read before the database opens: a bad policy file stops start-up with nothing to clean up.
  const policy = await loadPolicyFile(env.POLICY_FILE);
  const db = await openDatabase(env, logger, clock, options.database);
  const { database, connection, store } = db;
  const notifier = new NotifierRouter(logger);
  const approvals = await openApprovals(env, connection, store, notifier, policy);
  const ctx: AppContext = { env, logger, clock, connection, store, notifier, approvals };

  const surfaceStates: Record<string, 'on' | 'off'> = {};
  const eventLoop = new EventLoopDelayMonitor({ warnMs: env.EVENT_LOOP_DELAY_WARN_MS, clock, logger }).start();
  const app = createHttpApp({
    logger,
    health: async () => {
      const up = await pingDatabase(connection);
      return { ok: up, database: { state: up ? 'connected' : 'unreachable', kind: database.kind }, surfaces: surfaceStates, eventLoop: eventLoop.current() };
    },
  });
  const surfaces = options.surfaces ?? chatSurfaces();
  for (const surface of surfaces) {
    surfaceStates[surface.name] = await surface.mount(app, ctx);
  }
  await mountApi(app, ctx); // REST API at /api/v1 (README "API")
  finishHttpApp(app, logger);
  // Scheduled jobs (renewal nudges, reminders) run here unless JOBS_ENABLED=false (`npm run worker` runs them alone).
  const jobs: RunningJobs | undefined = env.JOBS_ENABLED ? await startJobs(ctx) : undefined;

  const server = createServer(app);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = `http://${['0.0.0.0', '::', ''].includes(env.HOST) ? 'localhost' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
  logger.info({ port, url, surfaces: surfaceStates }, `Clause is listening on ${url} (health: ${url}/healthz)`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down');
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      for (const surface of surfaces) await surface.stop?.().catch((err: unknown) => logger.warn({ err }, `stopping ${surface.name} failed`));
      await jobs?.stop().catch((err: unknown) => logger.warn({ err }, 'stopping jobs failed'));
      await db.close();
      eventLoop.stop();
      logger.info('stopped');
    })());
  return { ctx, server, port, database, stop };
}
