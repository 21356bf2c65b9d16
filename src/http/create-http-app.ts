import express, { type Express } from 'express';
import type { EventLoopDelay } from '../infra/event-loop-delay.js';
import type { Logger } from '../core/ports/logger.js';

export interface HealthReport {
  ok: boolean;
  database: { state: 'connected' | 'unreachable'; kind: string };
  surfaces: Record<string, 'on' | 'off'>;
  /** Event-loop delay over the last window (see src/infra/event-loop-delay.ts). */
  eventLoop?: EventLoopDelay;
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

/** What a client is told for each status: short and generic; details go to the log only. */
const CLIENT_MESSAGES: Record<number, string> = {
  400: 'bad request',
  401: 'unauthorized',
  404: 'not found',
  405: 'method not allowed',
  413: 'request body too large',
  415: 'unsupported media type',
  429: 'too many requests',
};

/** The status an error asks for (body-parser sets `status`; our HttpError too), if it is a client error. */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** A refusal with a status and a reason for the log (the client only gets the generic message). */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Answers a client error: the generic message for its status, a warn log with the reason and no stack. */
export function refuse(logger: Logger, req: express.Request, res: express.Response, status: number, reason: string, extra: Record<string, unknown> = {}): void {
  logger.warn({ status, method: req.method, path: req.path, reason, ...extra }, `refused ${req.method} ${req.path}: ${reason}`);
  if (!res.headersSent) res.status(status).json({ error: CLIENT_MESSAGES[status] ?? 'bad request' });
}

/**
 * Registered last: the one HTTP error policy. Unknown routes get 404; a client error (malformed
 * body 400, body over the route's limit 413, …) its status with a generic body and a warn log
 * without a stack; anything else 500 with a generic body, logged as an error.
 */
export function finishHttpApp(app: Express, logger: Logger): void {
  app.use((req, res) => {
    refuse(logger, req, res, 404, 'no such route');
  });
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = clientErrorStatus(error);
    if (status !== undefined) {
      const reason = error instanceof HttpError ? error.reason : ((error as { type?: string }).type ?? (error as Error).message ?? 'client error');
      refuse(logger, req, res, status, reason);
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error in an HTTP handler');
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
    else res.end();
  });
}
