import { ManualClock } from '../../../src/core/ports/clock.js';
import { createContract } from '../../../src/core/services/create-contract.js';
import { getAuditTrail } from '../../../src/core/services/get-audit-trail.js';
import { runRenewalScan } from '../../../src/core/services/run-renewal-scan.js';
import { cardAction, DEFAULT_TENANT, personalMessage, type TeamsUser } from '../../support/bot-activity.js';
import { cardOf, cardText, executeActions, invokeBody, useTeamsService, USERS, waitUntil } from './teams-harness.js';

// 20:00 UTC on 1 March is already 2 March in Kiritimati (UTC+14), where Rita's Teams client is.
const clock = new ManualClock('2026-03-01T20:00:00Z');
const KIRITIMATI = 'Pacific/Kiritimati';
const h = useTeamsService('teams_renewals', {}, { clock });
const rita = () => ({ ...h.as(USERS.rita), timeZone: KIRITIMATI });

/** Sends a message and returns the text of the bot's last answer (plain text or card). */
async function say(ctx: ReturnType<typeof h.as>, text: string): Promise<{ text: string; card: Record<string, unknown> | undefined }> {
  const before = h.connector.activities().length;
  expect((await h.post(personalMessage(ctx, text))).status).toBe(200);
  const answer = h.connector.activities().slice(before).at(-1);
  if (!answer) throw new Error('the bot did not answer');
  const card = cardOf(answer);
  return { text: `${answer.activity.text ?? ''}\n${cardText(card)}`, card };
}

async function press(user: TeamsUser, verb: string, data: Record<string, unknown>, timeZone?: string) {
  return invokeBody(await h.post(cardAction({ ...h.as(user), ...(timeZone ? { timeZone } : {}) }, { verb, data })));
}

async function ritasContract(title: string, extra: { endDate?: string; noticePeriodDays?: number } = {}) {
  const owner = { platform: 'teams' as const, id: USERS.rita.aadObjectId, tenantId: DEFAULT_TENANT, displayName: USERS.rita.name };
  return createContract(h.service.ctx.store, {
    terms: {
      title,
      type: 'msa',
      counterparty: `${title} Corp`,
      endDate: extra.endDate ?? '2026-03-31',
      noticePeriodDays: extra.noticePeriodDays ?? 30,
      value: { amountMinor: 1_200_000, currency: 'EUR' },
    },
    owner,
    requester: owner,
    actor: owner,
    status: 'active',
    text: { body: `${title} terms.` },
  });
}

describe('renewal nudges and obligations in Teams', () => {
  beforeAll(async () => {
    // Any activity from Rita's client records her chat and her time zone.
    await say(rita(), 'help');
  });

  it('the owner gets the nudge card in her personal chat, dated in her time zone; snooze, then start renewal once', async () => {
    const c = await ritasContract('Teams Nudge');
    const before = h.connector.activities().length;
    const report = await runRenewalScan(h.service.ctx.renewals);
    expect(report.nudgesSent).toBe(1);
    const nudge = await waitUntil(
      () =>
        h.connector
          .activities()
          .slice(before)
          .find((r) => cardText(cardOf(r)).includes(c.ref)),
      5_000,
      'nudge card',
    );
    expect(nudge.conversationId).toContain('personal-29:user-rita');
    // The deadline is 2026-03-01 (end 03-31 minus 30 days): today in UTC, yesterday for Rita.
    expect(cardText(cardOf(nudge))).toContain('2026-03-01 (the deadline passed 1 day ago)');
    const actions = executeActions(cardOf(nudge));
    expect(actions.map((a) => a.verb)).toEqual(expect.arrayContaining(['renewal.start', 'renewal.lapse', 'renewal.snooze', 'renewal.reassign']));
    const data = actions.find((a) => a.verb === 'renewal.start')!.data;

    const snoozed = await press(USERS.rita, 'renewal.snooze', data);
    expect(String(snoozed.value)).toContain(`Snoozed: no renewal reminders for ${c.ref} until 2026-03-08.`);

    const started = await press(USERS.rita, 'renewal.start', data);
    expect(cardText(started.value)).toMatch(/Renewal started: C-\d{4}-\d{4} covers .* and is now in review\./);
    const again = await press(USERS.rita, 'renewal.start', data);
    expect(String(again.value)).toMatch(/already decided/);
    const drafts = await h.service.ctx.store.contracts.list({ statuses: ['draft', 'in_review'] });
    expect(drafts.filter((d) => d.renewalOf === c.id).map((d) => d.status)).toEqual(['in_review']);
    // Someone else's click changes nothing.
    expect(String((await press(USERS.otto, 'renewal.lapse', data)).value)).toMatch(/Only the owner|already decided/);
  });

  it("contract obligation records one (once), in the owner's today; contract obligations lists them with Mark done buttons", async () => {
    const c = await ritasContract('Teams Obligations', { endDate: '2027-03-31' });
    const recorded = await say(rita(), `contract obligation ${c.ref.toLowerCase()} payment 2026-03-10 Kickoff invoice EUR 5,000`);
    expect(recorded.text).toContain(`Recorded for ${c.ref}: payment milestone "Kickoff invoice" (€5,000.00), due 2026-03-10, owner Rita Rep.`);
    expect((await say(rita(), `contract obligation ${c.ref} payment 2026-03-10 Kickoff invoice EUR 5,000`)).text).toContain('Already recorded');
    await say(rita(), `contract obligation ${c.ref} deliverable 2026-04-01 Rollout plan`);
    // Bad input is explained; 1 March is already past where Rita is.
    expect((await say(rita(), `contract obligation ${c.ref} payment 10/03/2026 Invoice`)).text).toContain(
      'needs a due date as YYYY-MM-DD after the kind (not "10/03/2026")',
    );
    expect((await say(rita(), `contract obligation ${c.ref} chores 2026-03-10 Invoice`)).text).toContain(
      'needs a kind after the contract: payment, deliverable or review (not "chores")',
    );
    expect((await say(rita(), `contract obligation ${c.ref} review 2026-03-01 Quarterly review`)).text).toContain(
      'The due date 2026-03-01 is already past (today is 2026-03-02)',
    );
    expect((await say(h.as(USERS.otto), `contract obligation ${c.ref} review 2026-06-01 Sneaky`)).text).toContain(`Only the owner or requester of ${c.ref}`);

    const list = await say(rita(), `contract obligations ${c.ref}`);
    expect(list.text).toContain(`• 2026-03-10 payment milestone "Kickoff invoice" (€5,000.00), owner Rita Rep: due in 8 days`);
    expect(list.text).toContain('• 2026-04-01 deliverable "Rollout plan", owner Rita Rep: due in 30 days');
    const buttons = executeActions(list.card).filter((a) => a.verb === 'obligation.done');
    expect(buttons).toHaveLength(2);

    const done = await press(USERS.rita, 'obligation.done', buttons[0]!.data, KIRITIMATI);
    expect(done.type).toBe('application/vnd.microsoft.card.adaptive');
    const redrawn = cardText(done.value);
    expect(redrawn).toContain('Done: "Kickoff invoice"');
    expect(redrawn).toContain('"Kickoff invoice" (€5,000.00), owner Rita Rep: done by Rita Rep');
    expect(executeActions(done.value).filter((a) => a.verb === 'obligation.done')).toHaveLength(1);
    // The same button again: already done, nothing audited twice.
    expect(cardText((await press(USERS.rita, 'obligation.done', buttons[0]!.data)).value)).toContain('was already marked complete by Rita Rep');
    const trail = await getAuditTrail(h.service.ctx.store, c.id);
    expect(trail.map((e) => e.action).filter((a) => a.startsWith('obligation_'))).toEqual(['obligation_added', 'obligation_added', 'obligation_completed']);
    expect((await say(h.as(USERS.otto), `contract obligations ${c.ref}`)).text).toContain(`You do not have access to ${c.ref}'s obligations`);
  });

  it('an @mentioned colleague owns the obligation; one Clause has never heard from is refused', async () => {
    const c = await ritasContract('Teams Mention', { endDate: '2027-03-31' });
    await say(h.as(USERS.maria), 'help'); // Maria has opened Clause: her Teams id is known
    const withMention = (text: string, who: { id: string; name: string }) => {
      const message = personalMessage(rita(), `contract obligation ${c.ref} review 2026-05-01 ${text} <at>${who.name}</at>`);
      return {
        ...message,
        entities: [...(message.entities ?? []), { type: 'mention', text: `<at>${who.name}</at>`, mentioned: { id: who.id, name: who.name } }],
      };
    };
    const post = async (activity: ReturnType<typeof withMention>) => {
      const before = h.connector.activities().length;
      await h.post(activity);
      return String(h.connector.activities().slice(before).at(-1)?.activity.text ?? '');
    };
    expect(await post(withMention('QBR with', { id: USERS.maria.id, name: USERS.maria.name }))).toContain(
      'review "QBR with", due 2026-05-01, owner Maria Manager',
    );
    expect(await post(withMention('Kickoff', { id: '29:user-never-seen', name: 'Nora New' }))).toContain("I don't know Nora New in Teams yet");
    const stored = await h.service.ctx.obligations.obligations.listForContract(c.id);
    expect(stored.map((o) => [o.title, o.owner.platform, o.owner.id])).toEqual([['QBR with', 'teams', USERS.maria.aadObjectId]]);
  });
});
