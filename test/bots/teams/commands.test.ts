import { botInstalled, cardAction, channelMention, groupChatMessage, personalMessage, type TestActivity } from '../../support/bot-activity.js';
import { APPROVALS_CHANNEL, cardOf, cardText, invokeBody, requestInTeams, useTeamsService, USERS } from './teams-harness.js';

const h = useTeamsService('teams_commands');

/** Posts a message and returns the text of the bot's answer (card text or plain text). */
async function ask(activity: TestActivity): Promise<{ text: string; conversationId: string }> {
  const before = h.connector.activities().length;
  const res = await h.post(activity);
  expect(res.status).toBe(200);
  const answer = h.connector.activities().slice(before).at(-1);
  if (!answer) throw new Error('the bot did not answer');
  return { text: `${answer.activity.text ?? ''}\n${cardText(cardOf(answer))}`, conversationId: answer.conversationId };
}

describe('Teams text commands', () => {
  let ref: string;
  beforeAll(async () => {
    await h.post(botInstalled(h.as(USERS.rita)));
    ref = await requestInTeams(h, USERS.rita, { title: 'Listed NDA', counterparty: 'Hooli' });
  });

  it('help, and anything unknown, lists the commands', async () => {
    const help = await ask(personalMessage(h.as(USERS.rita), 'help'));
    for (const c of ['contract new', 'contract list', 'contract show', 'contract renewals', 'contract ask']) expect(help.text).toContain(c);
    const unknown = await ask(personalMessage(h.as(USERS.rita), 'contract frobnicate'));
    expect(unknown.text).toContain('I don\'t know "contract frobnicate"');
    expect(unknown.text).toContain('contract list');
    const bad = await ask(personalMessage(h.as(USERS.rita), 'contract renewals soon'));
    expect(bad.text).toContain('contract renewals:');
  });

  it('contract list in a channel, on @mention (the mention is removed)', async () => {
    const answer = await ask(channelMention(h.as(USERS.rita), 'contract list', APPROVALS_CHANNEL));
    expect(answer.conversationId.startsWith(APPROVALS_CHANNEL.channelId)).toBe(true);
    expect(answer.text).toContain(ref);
    expect(answer.text).toContain('Listed NDA');
    expect(answer.text).toContain('In review');
  });

  it('contract show in a group chat, and a bad or unknown reference explained', async () => {
    const shown = await ask(groupChatMessage(h.as(USERS.rita), `contract show ${ref.toLowerCase()}`));
    expect(shown.text).toContain(`${ref}: Listed NDA`);
    expect(shown.text).toContain('Counterparty: Hooli');
    expect((await ask(groupChatMessage(h.as(USERS.rita), 'contract show nonsense'))).text).toContain('is not a contract reference');
    expect((await ask(groupChatMessage(h.as(USERS.rita), 'contract show C-1999-0001'))).text).toContain('There is no contract C-1999-0001');
    expect((await ask(groupChatMessage(h.as(USERS.rita), 'contract show'))).text).toContain('needs a contract reference');
  });

  it('contract renewals lists the notice deadlines in the window; contract ask answers', async () => {
    expect((await ask(personalMessage(h.as(USERS.rita), 'contract renewals 60'))).text).toMatch(
      /(Your u|U)pcoming renewals: no active contract has a notice deadline between \d{4}-\d{2}-\d{2} and /,
    );
    expect((await ask(personalMessage(h.as(USERS.rita), 'contract ask which contracts renew in the next 30 days?'))).text).toMatch(
      /No renewals are due in the next 30 days/,
    );
  });

  it('contract list for someone with no contracts says so', async () => {
    expect((await ask(personalMessage(h.as(USERS.otto), 'contract list'))).text).toContain('You have no contracts');
  });

  it('a card action it does not know (an old card) is answered, not left failing', async () => {
    const answer = await invokeBody(await h.post(cardAction(h.as(USERS.rita), { verb: 'contract.long_gone', data: {} })));
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(String(answer.value)).toContain('out of date');
  });
});
