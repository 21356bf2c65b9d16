import express, { type Express } from 'express';
import type { Logger } from '../infra/logger.js';

export interface HealthReport {
  ok: boolean;
  database: { state: 'connected' | 'unreachable'; kind: string };
  surfaces: Record<string, 'on' | 'off'>;
  /** Outgoing messages not delivered yet: queued (retrying), waiting for a platform that is off (by platform), failed. */
  deliveries?: { queued: number; waiting: Record<string, number>; failed: number; why?: Record<string, string> };
}

/**
 * The service's HTTP app. Chat adapters mount their own routes (`/slack/events`,
 * `/api/messages`) on it; they parse their own bodies, so no global body parser is installed
 * here (Slack's signature is computed over the raw body).
 */
export function createHttpApp(options: { health: () => Promise<HealthReport>; logger: Logger }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    try {
      const report = await options.health();
      res.status(report.ok ? 200 : 503).json({ status: report.ok ? 'ok' : 'unavailable', ...report });
    } catch (error) {
      options.logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  return app;
}

/** Registered last: unknown routes get 404, and an unexpected error a 500 without a stack trace. */
export function finishHttpApp(app: Express, logger: Logger): void {
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    logger.error({ err: error }, 'unhandled error in an HTTP handler');
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
  });
}
