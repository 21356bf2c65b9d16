import { personalMessage, cardAction, postActivity } from '../support/bot-activity.js';
import { blockActionsBody, eventCallbackBody, directMessageEvent, signSlackRequest, slashCommandBody, viewSubmissionBody } from '../support/slack-signing.js';
import { requestValues } from '../bots/slack/slack-harness.js';
import { SLACK_SECRET, USERS, useTeamsService } from '../bots/teams/teams-harness.js';
import { dbCounts, prng } from './abuse-support.js';

/**
 * A short, bounded, repeatable fuzz of both parsers through the real HTTP stack: random and
 * truncated payloads, half of them correctly signed or with a valid token so they reach the
 * parsers behind the signature check. Expected: never a 5xx, the service stays up, nothing
 * written (the only documents allowed to appear are Slack request claims of requests that
 * passed the guard, e.g. a truncated but still well-formed slash command). Counts are printed
 * for bench/README.md ("Bad input").
 */
const h = useTeamsService('abuse_fuzz', { RATE_LIMIT_IP_PER_MINUTE: '0', RATE_LIMIT_USER_PER_MINUTE: '0' });
const CASES = 150;
const rand = prng(20261202);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (n: number) => Math.floor(rand() * n);

function randomJson(depth = 0): unknown {
  const kind = int(depth > 2 ? 4 : 7);
  if (kind === 0) return null;
  if (kind === 1) return rand() * 1e6 - 5e5;
  if (kind === 2) return pick([true, false]);
  if (kind === 3) return randomString(int(40));
  if (kind === 4) return Array.from({ length: int(4) }, () => randomJson(depth + 1));
  return Object.fromEntries(
    Array.from({ length: int(5) }, () => [
      pick(['type', 'user', 'from', 'conversation', 'serviceUrl', 'payload', 'actions', 'view', 'event', randomString(6)]),
      randomJson(depth + 1),
    ]),
  );
}

function randomString(n: number): string {
  const chars = 'abcXYZ019{}[]":,=&%<>\\/\u0000\u00e9\u{1F600} \n';
  return Array.from({ length: n }, () => pick([...chars])).join('');
}

/** Truncation (0), a few bytes changed (1), random JSON (2) or random text (3). */
function mutate(text: string, kinds: readonly number[] = [0, 1, 2, 3]): string {
  switch (pick(kinds)) {
    case 0:
      return text.slice(0, int(text.length)); // truncated
    case 1: {
      const chars = [...text];
      for (let i = 0; i < 1 + int(5); i += 1) chars[int(chars.length)] = pick(['"', '{', '}', '%', '&', '=', '\u0000', 'x']);
      return chars.join('');
    }
    case 2:
      return JSON.stringify(randomJson());
    default:
      return randomString(int(200));
  }
}

/** A token truncated or with a few characters changed (only characters an HTTP header may carry). */
function garble(token: string): string {
  if (rand() < 0.3) return token.slice(0, int(token.length));
  const chars = [...token];
  for (let i = 0; i < 1 + int(5); i += 1) chars[int(chars.length)] = pick([...'AZaz09-_.{}=~ ']);
  const out = chars.join('').trim();
  return out === token ? `${token}x` : out;
}

interface Tally {
  tried: number;
  refused: number;
  accepted: number;
  fiveXX: number;
}
const tally = { slack: { tried: 0, refused: 0, accepted: 0, fiveXX: 0 } as Tally, teams: { tried: 0, refused: 0, accepted: 0, fiveXX: 0 } as Tally };
const count = (t: Tally, status: number) => {
  t.tried += 1;
  if (status >= 500) t.fiveXX += 1;
  else if (status >= 400) t.refused += 1;
  else t.accepted += 1;
};

afterAll(() => {
  console.log(JSON.stringify({ fuzz: 'bad input', cases: CASES, ...tally }));
});

it('Slack: random and truncated bodies, signed or not, never get a 5xx and write nothing', async () => {
  const before = await dbCounts(h.service.ctx.connection, ['slack_request_claims']);
  const bases = [
    () => slashCommandBody({ text: 'list', triggerId: `fz-${rand()}` }),
    () => blockActionsBody({ actionId: 'approval.approve', value: JSON.stringify({ roundId: 'r', stage: '0' }), messageTs: '1.1' }),
    () => viewSubmissionBody({ callbackId: 'contract_request', values: requestValues({ template: 'nda-v1', counterparty: 'Fuzz' }) }),
    () => eventCallbackBody(directMessageEvent({ text: 'hello' })),
  ];
  for (let i = 0; i < CASES; i += 1) {
    const body = mutate(pick(bases)());
    const signed = rand() < 0.6;
    const headers: Record<string, string> = { 'content-type': pick(['application/json', 'application/x-www-form-urlencoded', 'text/plain']) };
    if (signed) Object.assign(headers, signSlackRequest(SLACK_SECRET, body));
    const res = await fetch(`${h.url}/slack/events`, { method: 'POST', headers, body });
    count(tally.slack, res.status);
    expect(res.status).toBeLessThan(500);
  }
  expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  expect(await dbCounts(h.service.ctx.connection, ['slack_request_claims'])).toEqual(before);
});

it('Teams: random and truncated activities, with a valid token or a garbled one, never get a 5xx and write nothing', async () => {
  const before = await dbCounts(h.service.ctx.connection);
  const calls = h.connector.calls().length;
  const bases = [
    () => personalMessage(h.as(USERS.rita), 'contract list'),
    () => cardAction(h.as(USERS.rita), { verb: 'approval.approve', data: { roundId: 'r' } }),
  ];
  for (let i = 0; i < CASES; i += 1) {
    const valid = JSON.stringify(pick(bases)());
    const goodToken = `Bearer ${h.auth.channelToken(h.connector.url)}`;
    let res: Response;
    if (rand() < 0.5) {
      // A broken body with a valid token: must be refused by the parser (400), never reach the bot.
      // (Not "a few bytes changed": that can leave a valid activity, which the bot would rightly answer.)
      let body = mutate(valid, [0, 2, 3]);
      if (body === valid) body = valid.slice(0, -1);
      res = await fetch(`${h.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: goodToken }, body });
    } else {
      // A valid activity with a garbled token: must be refused by the token check (401).
      res = await postActivity(h.url, JSON.parse(valid), { authHeader: `Bearer ${garble(goodToken.slice(7))}` });
    }
    count(tally.teams, res.status);
    expect(res.status).toBeLessThan(500);
  }
  expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  expect(await dbCounts(h.service.ctx.connection)).toEqual(before);
  expect(h.connector.calls().length).toBe(calls);
});
