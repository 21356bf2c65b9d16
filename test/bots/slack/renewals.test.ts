import { addDays, calendarDateIn } from '../../../src/core/domain/calendar-date.js';
import { createContract } from '../../../src/core/services/create-contract.js';
import { runRenewalScan } from '../../../src/core/services/run-renewal-scan.js';
import { getAuditTrail } from '../../../src/core/services/get-audit-trail.js';
import { click, command, messageWithButton, replyText, submitView, USERS, useSlackService, waitUntil } from './slack-harness.js';

interface PostedBlocks {
  text?: string;
  replace_original?: boolean;
  blocks?: Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>;
}
const buttonsOf = (body: unknown) => ((body as PostedBlocks).blocks ?? []).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));

const dm = (userId: string) => `D${userId}`;

describe('renewal nudges in Slack', () => {
  const h = useSlackService('slack_renewals');
  // The scan counts days in UTC and the message in the owner's time zone; a UTC owner keeps the
  // "deadline is today" wording true at any hour of the run (New York is a day behind after 00:00 UTC).
  beforeAll(() => {
    h.slack.addUser({ ...USERS.rep, tz: 'UTC', tzLabel: 'Coordinated Universal Time', tzOffset: 0 });
  });

  async function nudgedContract(title: string) {
    const today = calendarDateIn(h.service.ctx.clock.now(), 'UTC');
    const owner = { platform: 'slack' as const, id: USERS.rep.id, displayName: 'Rita Rep' };
    const c = await createContract(h.service.ctx.store, {
      terms: {
        title,
        type: 'msa',
        counterparty: `${title} Corp`,
        endDate: addDays(today, 30),
        noticePeriodDays: 30,
        value: { amountMinor: 990_000, currency: 'USD' },
      },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
      text: { body: `${title} terms.` },
    });
    await runRenewalScan(h.service.ctx.renewals);
    return c;
  }

  it('the owner gets a Block Kit nudge; Start renewal creates the draft and replaces the card; a second click is refused', async () => {
    const c = await nudgedContract('Nudged');
    const start = await waitUntil(() => messageWithButton(h, dm(USERS.rep.id), 'renewal.start', (t) => t.includes(c.ref)), 5_000, 'nudge');
    expect(start.text).toMatch(/the deadline is today/);
    const first = await click(h, { userId: USERS.rep.id, actionId: 'renewal.start', value: start.value, messageTs: start.ts, channelId: dm(USERS.rep.id) });
    expect(first.res.status).toBe(200);
    const replaced = await h.slack.waitForResponse(first.replyId, (p) => (p.body as { replace_original?: boolean }).replace_original === true);
    // The approval engine is wired in the service: the renewal draft goes straight into review.
    expect(String((replaced.body as { text?: string }).text)).toMatch(
      new RegExp(`${c.ref}: rita started the renewal\\. Renewal started: C-\\d{4}-\\d{4} covers .* and is now in review\\.`),
    );
    const drafts = await h.service.ctx.store.contracts.list({ statuses: ['draft', 'in_review'] });
    expect(drafts.filter((d) => d.renewalOf === c.id).map((d) => d.status)).toEqual(['in_review']);
    const again = await click(h, { userId: USERS.rep.id, actionId: 'renewal.start', value: start.value, messageTs: start.ts, channelId: dm(USERS.rep.id) });
    expect(await replyText(h, again.replyId)).toMatch(/already decided: rita chose to renew it/);
  });

  it('Reassign opens a user picker and hands the renewal over', async () => {
    const c = await nudgedContract('Handover');
    const button = await waitUntil(() => messageWithButton(h, dm(USERS.rep.id), 'renewal.reassign', (t) => t.includes(c.ref)), 5_000, 'nudge');
    const clicked = await click(h, {
      userId: USERS.rep.id,
      actionId: 'renewal.reassign',
      value: button.value,
      messageTs: button.ts,
      channelId: dm(USERS.rep.id),
    });
    const modal = await h.slack.waitFor('views.open', (x) => (x.args.view as { callback_id: string }).callback_id === 'renewal_reassign');
    const meta = (modal.args.view as { private_metadata: string }).private_metadata;
    const empty = await submitView(h, { userId: USERS.rep.id, callbackId: 'renewal_reassign', privateMetadata: meta, values: {} });
    expect(empty.body).toMatchObject({ response_action: 'errors' });
    const ok = await submitView(h, {
      userId: USERS.rep.id,
      callbackId: 'renewal_reassign',
      privateMetadata: meta,
      values: { new_owner: { new_owner: { type: 'users_select', selected_user: USERS.fiona.id } } },
    });
    expect(ok.status).toBe(200);
    await h.slack.waitForResponse(clicked.replyId, (p) => String((p.body as { text?: string }).text).includes('now belongs to'));
    expect((await h.service.ctx.store.contracts.findById(c.id))!.owner.id).toBe(USERS.fiona.id);
    await waitUntil(() => messageWithButton(h, dm(USERS.fiona.id), 'renewal.start', (t) => t.includes(c.ref)), 5_000, 'card to the new owner');
    expect((await getAuditTrail(h.service.ctx.store, c.id)).at(-1)!.action).toBe('reassigned');
  });

  it('/contract obligation records one for a named owner (escaped mention); /contract obligations lists them, Mark done redraws the list', async () => {
    const today = calendarDateIn(h.service.ctx.clock.now(), 'UTC');
    const owner = { platform: 'slack' as const, id: USERS.rep.id, displayName: 'Rita Rep' };
    const c = await createContract(h.service.ctx.store, {
      terms: { title: 'Obligated', type: 'sow', counterparty: 'Obligated Corp', endDate: addDays(today, 400) },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
    });
    const first = addDays(today, 10);
    const second = addDays(today, 20);
    const added = await command(h, USERS.rep.id, `obligation ${c.ref} payment ${first} Phase 1 invoice <@${USERS.fiona.id}|fiona> USD 12,500.50`);
    expect(await replyText(h, added.replyId)).toMatch(
      new RegExp(`^Recorded for ${c.ref}: payment milestone "Phase 1 invoice" \\(\\$12,500\\.50\\), due ${first}, owner fiona\\.`, 'i'),
    );
    await replyText(h, (await command(h, USERS.rep.id, `obligation ${c.ref} review ${second} Service review &amp; QBR`)).replyId);
    const bad = await command(h, USERS.rep.id, `obligation ${c.ref}`);
    expect(await replyText(h, bad.replyId)).toContain('needs a kind after the contract');
    const outsider = await command(h, USERS.outsider.id, `obligation ${c.ref} review ${second} Not mine`);
    expect(await replyText(h, outsider.replyId)).toContain(`Only the owner or requester of ${c.ref}`);

    const listed = await command(h, USERS.rep.id, `obligations ${c.ref}`);
    const list = await h.slack.waitForResponse(listed.replyId, () => true);
    expect(String((list.body as PostedBlocks).text)).toMatch(/review "Service review & QBR", owner rita: due in 20 days/i);
    // One Mark done per open obligation; Slack wants distinct action ids in a block.
    const buttons = buttonsOf(list.body);
    expect(buttons.map((b) => b.action_id)).toEqual(['obligation.done', 'obligation.done~2']);
    const pressed = await click(h, {
      userId: USERS.rep.id,
      actionId: buttons[1]!.action_id!,
      value: buttons[1]!.value!,
      messageTs: '1.1',
      channelId: `D${USERS.rep.id}`,
    });
    const redrawn = await h.slack.waitForResponse(pressed.replyId, (p) => (p.body as PostedBlocks).replace_original === true);
    expect(String((redrawn.body as PostedBlocks).text)).toMatch(/^Done: "Service review & QBR" \(C-\d{4}-\d{4}\) is marked complete\./);
    expect(String((redrawn.body as PostedBlocks).text)).toMatch(/"Service review & QBR", owner rita: done by rita/i);
    expect(buttonsOf(redrawn.body).map((b) => b.action_id)).toEqual(['obligation.done']);
    const stored = await h.service.ctx.obligations.obligations.listForContract(c.id);
    expect(stored.map((o) => [o.title, o.owner.id, o.status])).toEqual([
      ['Phase 1 invoice', USERS.fiona.id, 'open'],
      ['Service review & QBR', USERS.rep.id, 'done'],
    ]);
  });
});
