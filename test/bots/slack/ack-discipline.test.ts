import { createServer, type Server } from 'node:http';
import express from 'express';
import boltPkg from '@slack/bolt';
import { ackDiscipline, Slots } from '../../../src/bots/slack/ack-discipline.js';
import { boltLogger } from '../../../src/bots/slack/bolt-logger.js';
import { createLogger } from '../../../src/infra/logger.js';
import { logCapture, type LogLine } from '../../support/log-capture.js';
import { slashCommandBody } from '../../support/slack-signing.js';
import { waitUntil } from './slack-harness.js';

const { App, ExpressReceiver } = boltPkg;

/**
 * The acknowledgement rules Clause puts around every Bolt listener, on a real Bolt app over real
 * HTTP: ack() once, never after Bolt's own timer answered, and at most N listeners working after
 * their ack at once (the others wait, already acknowledged).
 */
describe('Slack ack discipline', () => {
  const logs: LogLine[] = [];
  const logger = createLogger('info', logCapture(logs));
  let server: Server;
  let url: string;
  let app: InstanceType<typeof App>;
  const slots = new Slots(2);
  let running = 0;
  let mostRunning = 0;
  const release: Array<() => void> = [];
  let lateAnswered = false;
  const errors: unknown[] = [];

  beforeAll(async () => {
    const http = express();
    let onUnacknowledged: ReturnType<typeof ackDiscipline> | undefined;
    const receiver = new ExpressReceiver({
      signingSecret: 'unused',
      signatureVerification: false,
      endpoints: '/slack/events',
      app: http,
      logger: boltLogger(logger),
      unhandledRequestTimeoutMillis: 200,
      unhandledRequestHandler: (args) => onUnacknowledged?.(args),
    });
    app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-test' }), logger: boltLogger(logger), convoStore: false });
    onUnacknowledged = ackDiscipline(app, logger, slots);
    app.error(async (error) => {
      errors.push(error);
    });
    app.command('/twice', async ({ ack }) => {
      await ack();
      await ack();
    });
    app.command('/late', async ({ ack }) => {
      await waitUntil(() => lateAnswered, 5_000, "the client to get Bolt's timeout answer");
      await ack();
    });
    app.command('/work', async ({ ack }) => {
      await ack();
      running++;
      mostRunning = Math.max(mostRunning, running);
      await new Promise<void>((r) => release.push(r));
      running--;
    });
    server = createServer(http);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const a = server.address();
    url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/slack/events`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(() => r(undefined)));
  });

  const post = (command: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: slashCommandBody({ command, text: '' }) });

  it('a second ack() is ignored with a warn: one 200, no error', async () => {
    const from = logs.length;
    expect((await post('/twice')).status).toBe(200);
    await waitUntil(() => logs.slice(from).some((l) => l.msg.includes('called twice')), 2_000, 'the warn');
    expect(errors).toEqual([]);
  });

  it("an ack() after Bolt's timer answered is not sent: no ERR_HTTP_HEADERS_SENT, a warn, the late request logged", async () => {
    const from = logs.length;
    const res = await post('/late');
    expect(res.status).toBe(404); // Bolt's own answer to an unacknowledged request
    lateAnswered = true;
    await waitUntil(() => logs.slice(from).some((l) => l.msg.includes('came after the 3-second limit')), 5_000, 'the late-ack warn');
    expect(logs.slice(from).filter((l) => l.msg.includes('not acknowledged within 3 seconds'))).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(logs.slice(from).filter((l) => l.level >= 50 && !l.msg.includes('not acknowledged'))).toEqual([]);
  });

  it('every request is acknowledged at once, but at most N listeners work after their ack at the same time', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('/work')));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await waitUntil(() => running === 2 && slots.queued === 3, 2_000, 'two working, three waiting');
    while (release.length > 0 || running > 0) {
      release.shift()?.();
      await waitUntil(() => release.length > 0 || running === 0, 2_000, 'the next one to start');
    }
    expect(mostRunning).toBe(2);
    expect(slots.queued).toBe(0);
  });
});
