import { botInstalled, installationUpdate, personalConversationId } from '../../support/bot-activity.js';
import { approvalCardFor, requestInTeams, useTeamsService, USERS, waitUntil } from './teams-harness.js';

const h = useTeamsService('teams_connector');

beforeAll(async () => {
  for (const u of [USERS.rita, USERS.maria]) await h.post(botInstalled(h.as(u)));
});

beforeEach(() => h.connector.reset());

describe('Teams proactive delivery: Connector failures and who can be reached', () => {
  it('a 429 (with Retry-After) on the approval card is retried and the card arrives', async () => {
    h.connector.failNext({ route: 'send', status: 429, retryAfter: 1 });
    const ref = await requestInTeams(h, USERS.rita, { title: 'Throttled NDA' });
    await approvalCardFor(h, ref, personalConversationId(USERS.maria));
    const sends = h.connector.calls('send').map((c) => c.status);
    expect(sends.slice(0, 2)).toEqual([429, 200]);
  });

  it('a 500 is retried with backoff and the card arrives', async () => {
    h.connector.failNext({ route: 'send', status: 500, times: 2 });
    const ref = await requestInTeams(h, USERS.rita, { title: 'Flaky NDA' });
    await approvalCardFor(h, ref, personalConversationId(USERS.maria));
    expect(
      h.connector
        .calls('send')
        .map((c) => c.status)
        .slice(0, 3),
    ).toEqual([500, 500, 200]);
  });

  it('a connector that keeps failing: the request is still filed, the failure is logged, nothing is lost silently', async () => {
    h.connector.failNext({ route: 'send', status: 500, times: 20 });
    const ref = await requestInTeams(h, USERS.rita, { title: 'Undeliverable NDA' });
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('in_review');
    const attempts = h.connector.calls('send').length;
    expect(attempts).toBeGreaterThan(1); // retried before giving up
    expect(attempts).toBeLessThan(20);
    const logged = await waitUntil(() => h.logs.find((l) => l.msg === 'Teams message could not be delivered' && l.status === 500), 5_000, 'the error log');
    expect(logged.level).toBeGreaterThanOrEqual(50);
    h.connector.reset();
  }, 40_000);

  it('an unreachable user or channel is logged and reported as permanently undeliverable, never thrown', async () => {
    const neverSeen = await h.service.ctx.notifier.send(
      { kind: 'user', user: { platform: 'teams', id: 'aad-stranger' } },
      { text: 'hello' },
      { deliveryId: 'test' },
    );
    expect(neverSeen).toEqual({ status: 'permanent', reason: 'the user has never talked to the bot and their tenant is unknown' });
    expect(h.logs.some((l) => l.msg.startsWith('Teams target unreachable') && JSON.stringify(l).includes('aad-stranger'))).toBe(true);
    const channel = await h.service.ctx.notifier.send(
      { kind: 'channel', platform: 'teams', channelId: '19:nowhere@thread.tacv2' },
      { text: 'hello' },
      { deliveryId: 'test' },
    );
    expect(channel).toMatchObject({ status: 'permanent' });
    expect(h.connector.calls()).toHaveLength(0);
  });

  it('a user the bot never talked to, in a known tenant, is reached in a new 1:1 chat', async () => {
    const sent = await h.service.ctx.notifier.send(
      { kind: 'user', user: { platform: 'teams', id: 'aad-newcomer', tenantId: 'tenant-clause' } },
      { text: 'Welcome to Clause' },
      { deliveryId: 'test' },
    );
    expect(sent).toMatchObject({ status: 'delivered', ref: { platform: 'teams' } });
    const created = h.connector.conversations().at(-1)!;
    expect(created.parameters).toMatchObject({ members: [{ id: 'aad-newcomer' }], tenantId: 'tenant-clause' });
    expect(h.connector.activities().at(-1)).toMatchObject({ conversationId: created.id, activity: { text: 'Welcome to Clause' } });
    // The new chat is remembered: the next message goes straight there.
    await h.service.ctx.notifier.send({ kind: 'user', user: { platform: 'teams', id: 'aad-newcomer' } }, { text: 'Again' }, { deliveryId: 'test' });
    expect(h.connector.conversations()).toHaveLength(1);
    expect(h.connector.activities().at(-1)).toMatchObject({ conversationId: created.id, activity: { text: 'Again' } });
  });

  it('installed in a team, the bot can post to any of its channels (learned from the channel list)', async () => {
    const team = '19:team-legal@thread.tacv2';
    const channel = '19:legal-approvals@thread.tacv2';
    h.connector.addTeam({ id: team, name: 'Legal', channels: [{ id: channel, name: 'Approvals' }] });
    await h.post(botInstalled(h.as(USERS.rita), { teamId: team, channelId: team, channelName: 'General' }));
    expect(h.connector.calls('teamConversations')).toHaveLength(1);
    const sent = await h.service.ctx.notifier.send(
      { kind: 'channel', platform: 'teams', channelId: channel },
      { text: 'hello channel' },
      { deliveryId: 'test' },
    );
    expect(sent).toMatchObject({ status: 'delivered', ref: { platform: 'teams', channelId: channel } });
    expect(h.connector.activities().at(-1)).toMatchObject({ kind: 'send', conversationId: channel, activity: { text: 'hello channel' } });
  });

  it('an installationUpdate stores the personal chat: the user is reachable proactively from then on', async () => {
    const newbie = { id: '29:user-nina', aadObjectId: 'aad-nina', name: 'Nina New' };
    expect(
      await h.service.ctx.notifier.send({ kind: 'user', user: { platform: 'teams', id: newbie.aadObjectId } }, { text: 'too early' }, { deliveryId: 'test' }),
    ).toMatchObject({ status: 'permanent' });
    expect((await h.post(installationUpdate(h.as(newbie), 'add'))).status).toBe(200);
    const sent = await h.service.ctx.notifier.send(
      { kind: 'user', user: { platform: 'teams', id: newbie.aadObjectId } },
      { text: 'Hello Nina' },
      { deliveryId: 'test' },
    );
    expect(sent).toMatchObject({ status: 'delivered', ref: { platform: 'teams', channelId: personalConversationId(newbie) } });
    const ref = sent.status === 'delivered' ? sent.ref : undefined;
    expect(h.connector.activities().at(-1)).toMatchObject({ kind: 'send', conversationId: personalConversationId(newbie), activity: { text: 'Hello Nina' } });
    // And a message in the chat can be updated in place.
    await h.service.ctx.notifier.update(ref!, { text: 'Hello again, Nina' });
    expect(h.connector.updates().at(-1)).toMatchObject({
      conversationId: personalConversationId(newbie),
      activityId: ref!.messageId,
      activity: { text: 'Hello again, Nina' },
    });
  });
});
