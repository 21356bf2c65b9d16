import boltPkg, { type Receiver } from '@slack/bolt';
import { eventOncePerId } from '../../src/bots/slack/slack-request-guard.js';
import { createLogger } from '../../src/infra/logger.js';
import { MongoRequestClaims } from '../../src/infra/mongo/mongo-request-claims.js';
import { useTestDatabase } from '../support/database.js';

const { App } = boltPkg;

/**
 * Socket Mode: no HTTP request to guard, but a redelivered event must still be handled once.
 * Through a real Bolt App (a receiver that only hands events in, as the Socket Mode one does).
 */
const db = useTestDatabase('socket_events');

it('handles each event_id once when Slack redelivers it over the socket', async () => {
  const receiver: Receiver = { init: () => undefined, start: async () => undefined, stop: async () => undefined };
  const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-test', botId: 'B0', botUserId: 'U0BOT' }) });
  const claims = new MongoRequestClaims(db.connection, db.clock);
  await claims.init();
  app.use(eventOncePerId(claims, createLogger('silent')));
  const seen: string[] = [];
  app.event('app_mention', async ({ event }) => {
    seen.push(event.text);
  });
  const envelope = (eventId: string, text: string) => ({
    type: 'event_callback',
    team_id: 'T0',
    api_app_id: 'A0',
    event_id: eventId,
    event_time: 1,
    event: { type: 'app_mention', user: 'U0REP', text, channel: 'C0', ts: '1.1', event_ts: '1.1' },
  });
  let acks = 0;
  const deliver = (body: Record<string, unknown>) => app.processEvent({ body, ack: async () => void (acks += 1) });
  await deliver(envelope('Ev1', 'first'));
  await deliver(envelope('Ev1', 'first'));
  await deliver(envelope('Ev2', 'second'));
  expect(seen).toEqual(['first', 'second']);
  expect(acks).toBe(3); // every delivery is acknowledged, so Slack stops redelivering
});
