import { createServer, type Server } from 'node:http';
import express from 'express';
import { createHttpApp, finishHttpApp, HttpError } from '../../src/http/create-http-app.js';
import { createLogger } from '../../src/infra/logger.js';
import { logCapture, type LogLine } from '../support/log-capture.js';

/** The one HTTP error policy, over real HTTP: generic bodies, warn for client errors (no stack), error for faults. */
describe('the HTTP error policy', () => {
  const logs: LogLine[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const app = createHttpApp({
      logger: createLogger('info', logCapture(logs)),
      health: async () => ({ ok: true, database: { state: 'connected', kind: 'test' }, surfaces: {} }),
    });
    app.post('/json', express.json({ limit: '1kb' }), (req, res) => {
      res.json({ got: req.body as unknown });
    });
    app.post('/boom', () => {
      throw new Error('secret internal detail at /srv/clause');
    });
    app.post('/refused', () => {
      throw new HttpError(400, 'the widget is missing');
    });
    finishHttpApp(app, createLogger('info', logCapture(logs)));
    server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  const post = (path: string, body: string) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('malformed JSON is 400, an oversized body 413, an unknown route 404: generic bodies, warn logs without stacks', async () => {
    const from = logs.length;
    const bad = await post('/json', '{"a":');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'bad request' });
    const big = await post('/json', JSON.stringify({ a: 'x'.repeat(2000) }));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'request body too large' });
    const missing = await fetch(`${url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found' });
    const refused = await post('/refused', '{}');
    expect(refused.status).toBe(400);
    const lines = logs.slice(from);
    expect(lines.map((l) => [l.level, l.status])).toEqual([
      [40, 400],
      [40, 413],
      [40, 404],
      [40, 400],
    ]);
    expect(lines.at(-1)!.reason).toBe('the widget is missing');
    expect(JSON.stringify(lines)).not.toContain('"stack"');
  });

  it('an unexpected error is 500 with a generic body (no detail), logged as an error', async () => {
    const from = logs.length;
    const res = await post('/boom', '{}');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal error' });
    expect(text).not.toContain('secret');
    expect(logs.slice(from).some((l) => l.level === 50)).toBe(true);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
