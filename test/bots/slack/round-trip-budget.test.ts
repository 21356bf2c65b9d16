import { fileURLToPath } from 'node:url';
import { countCommands, describeCount, type CommandCount } from '../../support/command-counter.js';
import { APPROVALS_CHANNEL, click, replyText, requestThroughModal, submitView, useSlackService, USERS, waitUntil } from './slack-harness.js';

/**
 * The database round trips of whole Slack requests (the request guard's claim, the user lookup,
 * the core's work), counted with command monitoring on the service's own connection: a looser
 * bound than test/infra/approvals/round-trip-budget.test.ts (which counts the core alone), so
 * the adapter's share cannot creep up either. `CLAUSE_PRINT_ROUND_TRIPS=1` prints the breakdowns.
 */
/** The core's counts (request 10-11, approve and reject 14) plus the request guard's claim (and the form's submission claim). */
const BUDGET = { request: 14, approve: 16, reject: 16 };

const ONE_STAGE = fileURLToPath(new URL('./fixtures/one-stage-policy.yaml', import.meta.url));
const h = useSlackService('slack_round_trips', { POLICY_FILE: ONE_STAGE }, { monitorCommands: true });
const dm = (userId: string) => `D${userId}`;

function within(name: string, count: CommandCount, budget: number): void {
  const text = describeCount(name, count);
  if (process.env.CLAUSE_PRINT_ROUND_TRIPS) console.log(text);
  if (count.total > budget) throw new Error(`${name} took ${count.total} database round trips, more than its budget of ${budget}.\n${text}`);
}

async function request(counterparty: string) {
  const requested = await requestThroughModal(h, USERS.rep.id, counterparty);
  // The requester's confirmation is the request's last step that follows the core's work.
  await waitUntil(() => h.slack.messages(dm(USERS.rep.id)).find((m) => m.text.includes(requested.ref)), 5_000, `confirmation of ${requested.ref}`);
  return requested;
}

async function approve(card: { ts: string; value: string }) {
  const clicked = await click(h, { userId: USERS.legal.id, actionId: 'approval.approve', value: card.value, messageTs: card.ts, channelId: APPROVALS_CHANNEL });
  expect(clicked.res.status).toBe(200);
  return replyText(h, clicked.replyId);
}

describe('database round trips of whole Slack requests', () => {
  beforeAll(async () => {
    // Warm up (first use of each collection, per-process caches): not part of any click.
    const { card } = await request('Warm Up Ltd');
    expect(await approve(card)).toMatch(/You approved/);
  });

  it('/contract new through the modal stays within its budget', async () => {
    const connection = h.service.ctx.connection;
    const count = await countCommands(connection, () => request('Counted Request Ltd'));
    within('Slack /contract new (modal submit)', count, BUDGET.request);
  });

  it('an Approve click on a one-stage card stays within its budget', async () => {
    const { card, ref } = await request('Counted Approval Ltd');
    const count = await countCommands(h.service.ctx.connection, async () => {
      expect(await approve(card)).toMatch(/You approved/);
    });
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('approved');
    within('Slack Approve click (one stage)', count, BUDGET.approve);
  });

  it('a rejection (the reason modal submitted) on a one-stage card stays within its budget', async () => {
    const { card, ref } = await request('Counted Rejection Ltd');
    const opened = await click(h, { userId: USERS.legal.id, actionId: 'approval.reject', value: card.value, messageTs: card.ts, channelId: APPROVALS_CHANNEL });
    const modal = await h.slack.waitFor('views.open', (c) =>
      (c.args.view as { private_metadata: string }).private_metadata.includes(JSON.parse(card.value).roundId),
    );
    const meta = (modal.args.view as { private_metadata: string }).private_metadata;
    const count = await countCommands(h.service.ctx.connection, async () => {
      const ok = await submitView(h, {
        userId: USERS.legal.id,
        callbackId: 'approval_reject_reason',
        privateMetadata: meta,
        values: { reason: { reason: { type: 'plain_text_input', value: 'Wrong governing law.' } } },
      });
      expect(ok.status).toBe(200);
      expect(await replyText(h, opened.replyId)).toMatch(/You rejected/);
    });
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('rejected');
    within('Slack reject (reason modal submit, one stage)', count, BUDGET.reject);
  });
});
