import { createServer, type Server } from 'node:http';
import type { Env } from '../config/env.js';
import { systemClock, type Clock } from '../core/ports/clock.js';
import { createHttpApp, finishHttpApp } from '../http/create-http-app.js';
import { mountApi } from '../http/api/mount-api.js';
import { mountSignatureWebhooks } from '../http/esign-webhooks.js';
import type { Logger } from '../infra/logger.js';
import { pingDatabase } from '../infra/mongo/connect-database.js';
import type { ProvisionedDatabase } from '../infra/mongo/provision/provision-database.js';
import type { AppContext } from './app-context.js';
import { openDatabase } from './open-database.js';
import { chatSurfaces, type ChatSurface } from './chat-surfaces.js';
import { composeServices } from './compose-services.js';
import { loadPolicyFile } from '../infra/policy/load-policy-file.js';
import { startJobs, type RunningJobs } from '../jobs/start-jobs.js';
import { EventLoopDelayMonitor } from '../infra/event-loop-delay.js';
import { watchDatabase } from './database-monitor.js';
import type { HealthReport } from '../http/create-http-app.js';
import type { Outbox } from '../core/ports/outbox.js';
import type { WebPlatform } from '../bots/web/web-platform.js';
import { isLoopbackHost, playgroundSettings } from '../config/playground.js';

export interface RunningService {
  ctx: AppContext;
  server: Server;
  port: number;
  database: ProvisionedDatabase;
  /** Graceful stop: in-flight requests and jobs get `graceMs` (default SHUTDOWN_GRACE_MS) to finish. */
  stop(graceMs?: number): Promise<void>;
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
  // The one Services object (the same construction as the worker's), then the surfaces on it.
  let composed;
  try {
    composed = await composeServices({ env, logger, clock, connection, store, policy, webhooks: db.webhooks });
  } catch (error) {
    await db.close();
    throw error;
  }
  const { ctx, platforms } = composed;

  const surfaceStates: Record<string, 'on' | 'off'> = {};
  const eventLoop = new EventLoopDelayMonitor({ warnMs: env.EVENT_LOOP_DELAY_WARN_MS, clock, logger }).start();
  const deliveries = deliveryCounts(ctx);
  const app = createHttpApp({
    logger,
    health: async () => {
      const up = await pingDatabase(connection);
      const counts = up ? await deliveries() : undefined;
      return {
        ok: up,
        database: { state: up ? 'connected' : 'unreachable', kind: database.kind },
        surfaces: surfaceStates,
        eventLoop: eventLoop.current(),
        ...(counts ? { deliveries: counts } : {}),
      };
    },
  });
  const surfaces = options.surfaces ?? chatSurfaces();
  for (const surface of surfaces) {
    surfaceStates[surface.name] = await surface.mount(ctx, { http: app, env, platforms });
  }
  await mountApi(app, ctx); // REST API at /api/v1 (README "API")
  mountSignatureWebhooks(app, ctx); // e-signature callbacks at /webhooks/esign/<provider>
  finishHttpApp(app, logger);

  // Listen before the jobs start: a port in use stops start-up here, with the database closed
  // (and an embedded database process stopped), before any job has claimed anything.
  const server = createServer(app);
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(env.PORT, env.HOST, () => resolveListen());
    });
  } catch (error) {
    for (const surface of surfaces) await surface.stop?.().catch(() => undefined);
    await db.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = `http://${['0.0.0.0', '::', ''].includes(env.HOST) ? 'localhost' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
  logger.info({ port, url, surfaces: surfaceStates }, `Clause is listening on ${url} (health: ${url}/healthz)`);
  if (platforms.web) await announcePlayground(ctx, platforms.web, env, port);

  // Scheduled jobs (renewal nudges, reminders, deliveries) run here unless JOBS_ENABLED=false (`npm run worker` runs them alone).
  const jobs: RunningJobs | undefined = env.JOBS_ENABLED ? await startJobs(ctx) : undefined;
  const monitor = watchDatabase(connection, logger, {
    paused: jobs ? 'chat actions, the renewal scan, reminders and message deliveries are' : 'chat actions are',
  });

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = env.SHUTDOWN_GRACE_MS) =>
    (stopping ??= (async () => {
      logger.info({ graceMs }, 'shutting down: no new requests or jobs; in-flight work may finish');
      monitor.stop();
      for (const surface of surfaces) surface.closeStreams?.();
      // No new connections; requests in flight finish (within the grace), idle sockets close now.
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const stoppedJobs = jobs?.stop(graceMs).catch((err: unknown) => logger.warn({ err }, 'stopping jobs failed'));
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'timeout'>((r) => {
        timer = setTimeout(() => r('timeout'), graceMs);
      });
      if ((await Promise.race([closed, graceOver])) === 'timeout') {
        logger.warn({ graceMs }, 'HTTP requests still running after the shutdown grace; closing their connections');
        server.closeAllConnections();
      }
      clearTimeout(timer);
      await stoppedJobs;
      await db.webhooks.idle(graceMs); // first attempts of webhooks in flight
      for (const surface of surfaces) await surface.stop?.().catch((err: unknown) => logger.warn({ err }, `stopping ${surface.name} failed`));
      await db.close();
      eventLoop.stop();
      logger.info('stopped');
    })());
  return { ctx, server, port, database, stop };
}

/** The playground's start-up lines: its URL, where it listens, and what to do with an empty database. */
async function announcePlayground(ctx: AppContext, web: WebPlatform, env: Env, port: number): Promise<void> {
  const { logger } = ctx;
  const host = isLoopbackHost(env.HOST) || ['0.0.0.0', '::', ''].includes(env.HOST) ? 'localhost' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  const playground = `http://${host}:${port}/`;
  const settings = playgroundSettings(env, () => true);
  if (isLoopbackHost(env.HOST)) logger.info({ host: env.HOST }, `the playground has no login, so Clause listens on ${env.HOST} only (set HOST to change it)`);
  else
    logger.warn(
      { host: env.HOST },
      `the playground has no login and HOST=${env.HOST} lets other machines reach it; set HOST=127.0.0.1 unless that is what you want`,
    );
  logger.info({ playground, reason: settings.reason, policy: env.POLICY_FILE }, `▶ Playground: ${playground}  (open it in your browser)`);
  const status = await web.demo.status().catch(() => undefined);
  if (status?.contracts === 0) logger.info('the database has no contracts: open the playground and click Load the demo company (or run npm run demo:seed)');
}

/** Outgoing messages not delivered yet, over every outbox, cached for 10 s (health checks come often). */
function deliveryCounts(ctx: AppContext): () => Promise<HealthReport['deliveries']> {
  let cached: { at: number; value: HealthReport['deliveries'] } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < 10_000) return cached.value;
    try {
      const outboxes: Outbox[] = [
        ctx.approvals.messages,
        ctx.renewals.nudges,
        ctx.approvalReminders.reminders,
        ctx.obligations.reminders,
        ctx.digest.digests,
        ...(ctx.webhooks ? [ctx.webhooks.outbox] : []),
      ];
      const total = { queued: 0, waiting: {} as Record<string, number>, failed: 0 };
      for (const counts of await Promise.all(outboxes.map((o) => o.counts()))) {
        total.queued += counts.queued;
        total.failed += counts.failed;
        for (const [platform, n] of Object.entries(counts.waiting)) total.waiting[platform] = (total.waiting[platform] ?? 0) + n;
      }
      const why = Object.fromEntries(
        Object.keys(total.waiting).map((p) => [
          p,
          `${p} is not configured where these messages were last tried; they go out once it is (within DELIVERY_GIVE_UP_AFTER_MS)`,
        ]),
      );
      const value = Object.keys(why).length > 0 ? { ...total, why } : total;
      cached = { at: Date.now(), value };
      return value;
    } catch {
      return undefined;
    }
  };
}
