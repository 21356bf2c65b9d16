import { ManualClock } from '../../src/core/ports/clock.js';
import { MongoRequestClaims } from '../../src/infra/mongo/mongo-request-claims.js';
import { SECRET, USERS, requestValues, responseId, useSlackService, waitUntil, APPROVALS_CHANNEL } from '../bots/slack/slack-harness.js';
import {
  blockActionsBody,
  directMessageEvent,
  eventCallbackBody,
  postToSlack,
  signSlackRequest,
  slashCommandBody,
  viewSubmissionBody,
} from '../support/slack-signing.js';
import { dbCounts, noErrorsOrStacks, refusals } from './abuse-support.js';

/**
 * Slack as an attacker and a careless client would use it, through real HTTP into the real guard
 * and Bolt: stale and future timestamps, replays, retries, unknown ids, payloads without a user,
 * malformed and oversized bodies. The service's clock is a ManualClock set to real time, so the
 * freshness window can be shown to follow it.
 */
const clock = new ManualClock(new Date());
const h = useSlackService('abuse_slack', {}, { clock });

const nowS = () => Math.floor(clock.now().getTime() / 1000);
const contracts = () => h.service.ctx.connection.db!.collection('contracts').countDocuments({});

function requestForm(counterparty: string, viewId?: string) {
  return viewSubmissionBody({
    userId: USERS.rep.id,
    callbackId: 'contract_request',
    ...(viewId ? { viewId } : {}),
    values: requestValues({
      template: 'nda-v1',
      counterparty,
      startDate: '2026-04-01',
      termMonths: '12',
      noticePeriodDays: '30',
      governingLaw: 'the laws of England and Wales',
      owner: USERS.rep.id,
    }),
  });
}

const cardsFor = (counterparty: string) => h.slack.messages(APPROVALS_CHANNEL).filter((m) => m.text.includes(counterparty)).length;

describe('Slack freshness and replay', () => {
  beforeEach(() => clock.set(new Date()));

  it('refuses a validly signed request stamped 10 minutes in the future, or 10 minutes old: 401, nothing done', async () => {
    const before = await dbCounts(h.service.ctx.connection);
    const logsFrom = h.logs.length;
    for (const offset of [600, -600]) {
      const res = await postToSlack(h.url, requestForm(`Time Travel ${offset}`), { secret: SECRET, timestamp: nowS() + offset });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized' });
    }
    expect(await dbCounts(h.service.ctx.connection)).toEqual(before);
    expect(refusals(h.logs, logsFrom).map((l) => l.reason)).toEqual([expect.stringMatching(/in the future/), expect.stringMatching(/too old/)]);
    expect(noErrorsOrStacks(h.logs, logsFrom)).toBe(true);
  });

  it("measures freshness against the injected clock: a request signed at the clock's time passes, one at the machine's time does not", async () => {
    clock.advanceMs(-60 * 60_000); // the service believes it is an hour earlier
    const stale = await postToSlack(h.url, slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl(responseId('clk')) }), {
      secret: SECRET,
      timestamp: Math.floor(Date.now() / 1000),
    });
    expect(stale.status).toBe(401);
    const replyId = responseId('clk');
    const fresh = await postToSlack(h.url, slashCommandBody({ text: 'help', responseUrl: h.slack.responseUrl(replyId) }), {
      secret: SECRET,
      timestamp: nowS(),
    });
    expect(fresh.status).toBe(200);
    await h.slack.waitForResponse(replyId);
  });

  it('refuses a wrong signature or missing signature headers (401)', async () => {
    const body = slashCommandBody({ text: 'help' });
    expect((await postToSlack(h.url, body, { secret: 'not-the-secret', timestamp: nowS() })).status).toBe(401);
    expect((await postToSlack(h.url, body, { secret: SECRET, timestamp: nowS(), signature: 'v0=00' })).status).toBe(401);
    const bare = await fetch(`${h.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(bare.status).toBe(401);
  });

  it('an exact replay of a signed modal submission is 401 and files nothing: one contract, one approval request', async () => {
    const body = requestForm('Replay Ltd');
    const headers = { ...signSlackRequest(SECRET, body, nowS()), 'content-type': 'application/x-www-form-urlencoded' };
    const first = await fetch(`${h.url}/slack/events`, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    await waitUntil(() => cardsFor('Replay Ltd') > 0, 10_000, 'the approval card');
    const count = await contracts();
    const replay = await fetch(`${h.url}/slack/events`, { method: 'POST', headers, body });
    expect(replay.status).toBe(401);
    // A re-signed copy (same view id, as a retried submit would be) is answered, and not filed again.
    const resigned = await postToSlack(h.url, body, { secret: SECRET, timestamp: nowS() + 1 });
    expect(resigned.status).toBe(200);
    // Refused (or answered) by the guard before Bolt saw it, so nothing can still be running for them.
    expect(await contracts()).toBe(count);
    expect(cardsFor('Replay Ltd')).toBe(1);
  });

  it('a Slack retry of a direct message (x-slack-retry-num, re-signed) gets 200 and is answered once; an exact replay is 401', async () => {
    const body = eventCallbackBody(directMessageEvent({ userId: USERS.legal.id, text: 'which renewals are due in the next 60 days?' }), {
      eventId: `EvRETRY${Date.now()}`,
    });
    const sent = () =>
      h.slack.calls('chat.postMessage').filter((c) => String(c.args.channel).startsWith('D') && String(c.args.channel).includes(USERS.legal.id)).length;
    const before = sent();
    const headers = { ...signSlackRequest(SECRET, body, nowS()), 'content-type': 'application/json' };
    expect((await fetch(`${h.url}/slack/events`, { method: 'POST', headers, body })).status).toBe(200);
    await waitUntil(() => sent() > before, 5_000, 'the answer');
    const retry = await fetch(`${h.url}/slack/events`, {
      method: 'POST',
      headers: {
        ...signSlackRequest(SECRET, body, nowS() + 2),
        'content-type': 'application/json',
        'x-slack-retry-num': '1',
        'x-slack-retry-reason': 'http_timeout',
      },
      body,
    });
    expect(retry.status).toBe(200);
    expect((await fetch(`${h.url}/slack/events`, { method: 'POST', headers, body })).status).toBe(401);
    // The retry was answered by the guard, which logs it before answering; Bolt never saw it.
    expect(h.logs.some((l) => typeof l.msg === 'string' && l.msg.startsWith('Slack repeat') && l.retry === '1')).toBe(true);
    expect(sent()).toBe(before + 1);
  });

  it('a slash command has one effect per trigger_id', async () => {
    const replyId = responseId('trig');
    const body = slashCommandBody({ text: 'help', triggerId: `trig-${Date.now()}`, responseUrl: h.slack.responseUrl(replyId) });
    expect((await postToSlack(h.url, body, { secret: SECRET, timestamp: nowS() })).status).toBe(200);
    await h.slack.waitForResponse(replyId);
    expect((await postToSlack(h.url, body, { secret: SECRET, timestamp: nowS() + 1 })).status).toBe(200);
    expect(h.slack.responses(replyId)).toHaveLength(1);
  });

  it('expired claims are swept (no TTL index): the same id can be claimed again after the sweep', async () => {
    const claimClock = new ManualClock(new Date());
    const claims = new MongoRequestClaims(h.service.ctx.connection, claimClock, 'slack_request_claims_sweep_test');
    await claims.init();
    expect((await claims.claim('sig:x', 'x', 60_000)).outcome).toBe('first');
    expect((await claims.claim('sig:x', 'x', 60_000)).outcome).toBe('replay');
    expect((await claims.claim('sig:x', 'y', 60_000)).outcome).toBe('repeat');
    expect(await claims.sweep()).toBe(0);
    claimClock.advanceMs(61_000);
    expect(await claims.sweep()).toBe(1);
    expect((await claims.claim('sig:x', 'x', 60_000)).outcome).toBe('first');
  });

  it('concurrent requests share one batched claim insert, yet every exact replay is 401 and every re-signed retry 200, each command answered once', async () => {
    const n = 25;
    const url = `${h.url}/slack/events`;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const burst = Array.from({ length: n }, (_, i) => {
      const replyId = responseId('burst');
      const body = slashCommandBody({
        text: 'help',
        userId: `U0BURST${i % 5}`,
        triggerId: `burst.${i}.${Date.now()}`,
        responseUrl: h.slack.responseUrl(replyId),
      });
      return { replyId, body, headers: { ...signSlackRequest(SECRET, body, nowS()), ...form } };
    });
    // Each request and its exact replay, all at once: one of each pair is first (200), the other 401.
    const pairs = await Promise.all(
      burst.map(async (b) =>
        (await Promise.all([0, 1].map(() => fetch(url, { method: 'POST', headers: b.headers, body: b.body })))).map((r) => r.status).sort(),
      ),
    );
    expect(pairs).toEqual(Array.from({ length: n }, () => [200, 401]));
    // Slack's retries (re-signed, later timestamp), all at once: 200, nothing done again.
    const retries = await Promise.all(
      burst.map((b) =>
        fetch(url, { method: 'POST', headers: { ...signSlackRequest(SECRET, b.body, nowS() + 1), ...form, 'x-slack-retry-num': '1' }, body: b.body }),
      ),
    );
    expect(retries.map((r) => r.status)).toEqual(burst.map(() => 200));
    await waitUntil(() => burst.every((b) => h.slack.responses(b.replyId).length > 0), 10_000, 'every command answered');
    // The help reply of the last one is in; any second answer would have been sent before it was.
    expect(burst.map((b) => h.slack.responses(b.replyId).length)).toEqual(burst.map(() => 1));
  });

  it('a claim made by another process (another claims instance on the same database) is still judged by the database: replay or repeat, in one batch', async () => {
    const one = new MongoRequestClaims(h.service.ctx.connection, new ManualClock(new Date()), 'slack_request_claims_batch_test');
    const other = new MongoRequestClaims(h.service.ctx.connection, new ManualClock(new Date()), 'slack_request_claims_batch_test');
    await one.init();
    const ids = Array.from({ length: 30 }, (_, i) => `trigger:b${i}`);
    expect((await Promise.all(ids.map((id) => one.claim(id, `s-${id}`, 60_000)))).map((c) => c.outcome)).toEqual(ids.map(() => 'first'));
    // The other process has seen none of them: its answers come from one batch and the database.
    const mixed = await Promise.all([
      ...ids.map((id, i) => other.claim(id, i % 2 === 0 ? `s-${id}` : 'resigned', 60_000)),
      other.claim('trigger:new', 's-new', 60_000),
      other.claim('trigger:new', 's-new', 60_000),
    ]);
    expect(mixed.slice(0, 30).map((c) => c.outcome)).toEqual(ids.map((_, i) => (i % 2 === 0 ? 'replay' : 'repeat')));
    expect(
      mixed
        .slice(30)
        .map((c) => c.outcome)
        .sort(),
    ).toEqual(['first', 'replay']);
    expect(await h.service.ctx.connection.db!.collection('slack_request_claims_batch_test').countDocuments({})).toBe(31);
    // Now remembered by this process: answered without the database, the same way.
    expect((await other.claim('trigger:b0', 's-trigger:b0', 60_000)).outcome).toBe('replay');
    expect((await other.claim('trigger:b1', 'again', 60_000)).outcome).toBe('repeat');
  });
});

describe('every Slack payload is answered', () => {
  it('an unknown action_id is acknowledged (200) and the user told it is not a button Clause knows', async () => {
    const replyId = responseId('unknown');
    const res = await postToSlack(
      h.url,
      blockActionsBody({ actionId: 'legacy.frobnicate', value: '{}', messageTs: '1.2', responseUrl: h.slack.responseUrl(replyId) }),
      { secret: SECRET, timestamp: nowS() },
    );
    expect(res.status).toBe(200);
    const reply = await h.slack.waitForResponse(replyId);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/not one Clause knows/) });
  });

  it('an unknown form is acknowledged and explained by DM; an unknown command in the acknowledgement', async () => {
    const res = await postToSlack(h.url, viewSubmissionBody({ userId: USERS.fiona.id, callbackId: 'legacy_form', values: {} }), {
      secret: SECRET,
      timestamp: nowS(),
    });
    expect(res.status).toBe(200);
    await h.slack.waitFor('chat.postMessage', (c) => /form is not one Clause knows/.test(String(c.args.text)));
    const cmd = await postToSlack(h.url, slashCommandBody({ command: '/contracts', text: 'list' }), { secret: SECRET, timestamp: nowS() });
    expect(cmd.status).toBe(200);
    expect(await cmd.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/not one Clause knows/) });
  });

  it('an unknown shortcut is acknowledged', async () => {
    const payload = {
      type: 'shortcut',
      callback_id: 'legacy_shortcut',
      trigger_id: `t-${Date.now()}`,
      user: { id: USERS.fiona.id },
      team: { id: 'T0CLAUSE' },
      token: 'x',
    };
    const res = await postToSlack(h.url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), { secret: SECRET, timestamp: nowS() });
    expect(res.status).toBe(200);
  });

  it('payloads without a user (or a button without actions, a command without user_id) are 400, logged at warn, not processed', async () => {
    const before = await dbCounts(h.service.ctx.connection);
    const logsFrom = h.logs.length;
    const calls = h.slack.calls().length;
    const noUser = { type: 'block_actions', actions: [{ action_id: 'approval.approve', value: '{}' }], trigger_id: 't', team: { id: 'T0CLAUSE' } };
    const noActions = { type: 'block_actions', user: { id: USERS.rep.id }, trigger_id: 't', team: { id: 'T0CLAUSE' } };
    const command = new URLSearchParams(slashCommandBody({ text: 'list' }));
    command.delete('user_id');
    for (const body of [
      new URLSearchParams({ payload: JSON.stringify(noUser) }).toString(),
      new URLSearchParams({ payload: JSON.stringify(noActions) }).toString(),
      command.toString(),
    ]) {
      const res = await postToSlack(h.url, body, { secret: SECRET, timestamp: nowS() });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'bad request' });
    }
    expect(refusals(h.logs, logsFrom)).toHaveLength(3);
    expect(noErrorsOrStacks(h.logs, logsFrom)).toBe(true);
    expect(await dbCounts(h.service.ctx.connection)).toEqual(before);
    expect(h.slack.calls().length).toBe(calls);
  });
});

describe('Slack bodies', () => {
  it('malformed JSON and form payloads are 400; a body over the limit is 413; both logged at warn without a stack', async () => {
    const logsFrom = h.logs.length;
    expect((await postToSlack(h.url, '{"type":"event_callback",', { secret: SECRET, timestamp: nowS(), contentType: 'application/json' })).status).toBe(400);
    expect((await postToSlack(h.url, 'payload=%7Bnot-json', { secret: SECRET, timestamp: nowS() })).status).toBe(400);
    const big = `payload=${'a'.repeat(1_100_000)}`;
    const res = await postToSlack(h.url, big, { secret: SECRET, timestamp: nowS() });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'request body too large' });
    expect(refusals(h.logs, logsFrom).map((l) => l.status)).toEqual([400, 400, 413]);
    expect(noErrorsOrStacks(h.logs, logsFrom)).toBe(true);
  });

  it("Slack's ssl_check (no user) is answered 200", async () => {
    expect((await postToSlack(h.url, 'ssl_check=1&token=deprecated', { secret: SECRET, timestamp: nowS() })).status).toBe(200);
  });

  it('an unknown route is 404 and the service stays up', async () => {
    expect((await fetch(`${h.url}/slack/other`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
