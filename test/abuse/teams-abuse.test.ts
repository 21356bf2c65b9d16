import { newSigningKey, signJwt } from '../emulators/bot-framework-auth-emulator.js';
import { botInstalled, installationUpdate, personalConversationId, personalMessage, postActivity } from '../support/bot-activity.js';
import { cardOf, cardText, TEST_APP, USERS, useTeamsService, waitUntil } from '../bots/teams/teams-harness.js';
import { dbCounts, noErrorsOrStacks, refusals } from './abuse-support.js';

/**
 * Teams through the AUTHENTICATED path (MICROSOFT_APP_ID set, tokens signed by the local auth
 * emulator's key and checked against its OpenID metadata), as an attacker and a careless client
 * would use it: every bad token is 401 with a generic body and a warn log naming the cause, never
 * a 500; bad bodies are 400/413; nothing is written and nothing is sent for any of them.
 */
const h = useTeamsService('abuse_teams');
const nowS = () => Math.floor(Date.now() / 1000);

describe('Teams tokens', () => {
  it('accepts a valid channel token, and answers with a token from the token endpoint', async () => {
    const before = h.connector.activities().length;
    const res = await h.post(personalMessage(h.as(USERS.rita), 'help'));
    expect(res.status).toBe(200);
    const reply = await h.connector.waitFor((r) => r.conversationId === personalConversationId(USERS.rita) && h.connector.activities().indexOf(r) >= before);
    expect(h.auth.isIssuedToken(reply.authorization)).toBe(true);
    expect(h.auth.tokenRequests.all().some((t) => t.clientId === TEST_APP.appId)).toBe(true);
  });

  it('accepts a valid Bot Framework Emulator token (the emulator metadata URL)', async () => {
    const res = await h.post(personalMessage(h.as(USERS.rita), 'help'), { authHeader: `Bearer ${h.auth.emulatorToken()}` });
    expect(res.status).toBe(200);
  });

  it.each<[string, () => string]>([
    ['no Authorization header', () => ''],
    ['not a JWT', () => 'Bearer not-a-jwt'],
    ['wrong audience', () => `Bearer ${h.auth.channelToken(h.connector.url, { aud: 'https://graph.microsoft.com' })}`],
    ['a token for another app id', () => `Bearer ${h.auth.channelToken(h.connector.url, { aud: '0c6f1f0e-1111-4c2b-9d0e-7a1b2c3d4e5f' })}`],
    ['an Emulator token for another app id', () => `Bearer ${h.auth.emulatorToken({ appid: '0c6f1f0e-1111-4c2b-9d0e-7a1b2c3d4e5f' })}`],
    ['wrong issuer', () => `Bearer ${h.auth.channelToken(h.connector.url, { iss: 'https://evil.example.com' })}`],
    ['expired', () => `Bearer ${h.auth.channelToken(h.connector.url, { iat: nowS() - 7200, nbf: nowS() - 7200, exp: nowS() - 3600 })}`],
    ['not yet valid', () => `Bearer ${h.auth.channelToken(h.connector.url, { nbf: nowS() + 3600, exp: nowS() + 7200 })}`],
    ['signed with an unknown key', () => `Bearer ${h.auth.channelToken(h.connector.url, {}, { key: newSigningKey('unknown-kid') })}`],
    [
      'a known key id with a forged signature',
      () => `Bearer ${h.auth.channelToken(h.connector.url, {}, { key: { ...newSigningKey(), kid: h.auth.key.kid } })}`,
    ],
    ['alg none', () => `Bearer ${h.auth.channelToken(h.connector.url, {}, { key: 'none' })}`],
    [
      'alg none with the known key id',
      () =>
        `Bearer ${signJwt({ iss: 'https://api.botframework.test', aud: TEST_APP.appId, serviceurl: h.connector.url, exp: nowS() + 600 }, 'none', { kid: h.auth.key.kid })}`,
    ],
    [
      'HS256 signed with the public key (algorithm confusion)',
      () =>
        `Bearer ${h.auth.channelToken(h.connector.url, {}, { key: { hmacSecret: h.auth.key.publicKey.export({ type: 'spki', format: 'pem' }).toString() }, header: { kid: h.auth.key.kid } })}`,
    ],
    ['missing serviceUrl claim', () => `Bearer ${h.auth.channelToken(h.connector.url, { serviceurl: undefined })}`],
    ['a serviceUrl claim for another service', () => `Bearer ${h.auth.channelToken('https://smba.trafficmanager.net/other/', {})}`],
  ])('refuses %s with 401, a generic body and a warn log naming the cause; nothing written or sent', async (_name, header) => {
    const before = await dbCounts(h.service.ctx.connection);
    const calls = h.connector.calls().length;
    const logsFrom = h.logs.length;
    const res = await postActivity(h.url, personalMessage(h.as(USERS.otto), 'contract list'), { authHeader: header() });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'unauthorized' });
    const [refusal] = refusals(h.logs, logsFrom);
    expect(refusal).toMatchObject({ status: 401, reason: expect.stringMatching(/^Bot Framework token refused: ./) });
    expect(noErrorsOrStacks(h.logs, logsFrom)).toBe(true);
    expect(await dbCounts(h.service.ctx.connection)).toEqual(before);
    expect(h.connector.calls().length).toBe(calls);
  });
});

describe('Teams bodies', () => {
  const token = () => `Bearer ${h.auth.channelToken(h.connector.url)}`;
  const raw = (body: string, contentType = 'application/json') =>
    fetch(`${h.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType, authorization: token() }, body });

  it('malformed JSON is 400, a 2 MB body 413, a non-JSON body 400; warn logs without stacks', async () => {
    const logsFrom = h.logs.length;
    expect((await raw('{"type":"message",')).status).toBe(400);
    const big = await raw(JSON.stringify({ ...personalMessage(h.as(USERS.rita), 'x'), text: 'a'.repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'request body too large' });
    expect((await raw('type=message', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect(refusals(h.logs, logsFrom).map((l) => l.status)).toEqual([400, 413, 400]);
    expect(noErrorsOrStacks(h.logs, logsFrom)).toBe(true);
  });

  it.each(['from', 'conversation', 'serviceUrl', 'type'])('an activity without %s is 400 before the adapter; nothing written or sent', async (field) => {
    const before = await dbCounts(h.service.ctx.connection);
    const calls = h.connector.calls().length;
    const activity: Record<string, unknown> = { ...personalMessage(h.as(USERS.rita), 'contract list') };
    delete activity[field];
    const logsFrom = h.logs.length;
    const res = await raw(JSON.stringify(activity));
    expect(res.status).toBe(400);
    expect(refusals(h.logs, logsFrom)[0]?.reason).toContain(field);
    expect(await dbCounts(h.service.ctx.connection)).toEqual(before);
    expect(h.connector.calls().length).toBe(calls);
  });

  it('a serviceUrl that is not http(s) is 400', async () => {
    expect((await raw(JSON.stringify({ ...personalMessage(h.as(USERS.rita), 'help'), serviceUrl: 'file:///etc/passwd' }))).status).toBe(400);
  });

  it('GET /api/messages and unknown routes are 404 with a generic body', async () => {
    const res = await fetch(`${h.url}/api/messages`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not found' });
    expect((await fetch(`${h.url}/api/other`, { method: 'POST' })).status).toBe(404);
  });
});

describe('Teams greeting and help', () => {
  const maria = () => h.as(USERS.maria);
  const greetings = () =>
    h.connector.activities().filter((r) => r.conversationId === personalConversationId(USERS.maria) && /Clause/.test(cardText(cardOf(r))));

  it('greets once per install (installationUpdate and conversationUpdate for one install), and again after a reinstall', async () => {
    expect((await h.post(installationUpdate(maria(), 'add'))).status).toBe(200);
    expect((await h.post(botInstalled(maria()))).status).toBe(200);
    await waitUntil(() => greetings().length === 1, 5_000, 'the greeting');
    // Both activities have been answered (200) by now, so a second greeting would already be recorded.
    expect(greetings()).toHaveLength(1);
    await h.post(installationUpdate(maria(), 'remove'));
    await h.post(installationUpdate(maria(), 'add'));
    await waitUntil(() => greetings().length === 2, 5_000, 'the greeting after a reinstall');
  });

  it('"contract help" is a command: the help, without "I don\'t know"', async () => {
    const before = h.connector.activities().length;
    await h.post(personalMessage(h.as(USERS.rita), 'contract help'));
    const reply = await h.connector.waitFor((r) => h.connector.activities().indexOf(r) >= before && r.conversationId === personalConversationId(USERS.rita));
    const text = cardText(cardOf(reply)) + String(reply.activity.text ?? '');
    expect(text).toMatch(/contract new/);
    expect(text).not.toMatch(/I don't know/);
  });
});
