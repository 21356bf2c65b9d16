import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { webApi } from '@slack/bolt';
import { slackClientOptions } from '../../../src/bots/slack/slack-client-options.js';
import { SlackChatNotifier } from '../../../src/bots/slack/slack-notifier.js';
import { slackAdminTargets } from '../../../src/config/chat-channels.js';
import type { ContractTermsInput } from '../../../src/core/domain/contract.js';
import type { UserRef } from '../../../src/core/domain/user-ref.js';
import { createContract } from '../../../src/core/services/create-contract.js';
import type { RenewalDeps, RenewalSettings } from '../../../src/core/services/renewal-deps.js';
import { runRenewalScan } from '../../../src/core/services/run-renewal-scan.js';
import { nudgeFallbackId, withNudgeFallback } from '../../../src/core/services/send-nudge-fallback.js';
import { nudgeId } from '../../../src/core/services/send-renewal-nudge.js';
import { createLogger } from '../../../src/infra/logger.js';
import { SlackApiEmulator, type SlackFailure } from '../../emulators/slack-api-emulator.js';
import { useTestDatabase } from '../../support/database.js';
import { renewalDepsFor } from '../../support/renewal-deps.js';

/**
 * A renewal nudge that can never reach its owner (or channel) is reported once, promptly, to the
 * renewals channel or the admins: the real scan, a real database and SlackChatNotifier against the
 * Slack API emulator (the platform's own error codes, no doubles).
 */
describe('renewal nudge fallback notice (real database, Slack emulator)', () => {
  const db = useTestDatabase('nudge_fallback');
  const slack = new SlackApiEmulator();
  const logs: Array<{ level: number; msg: string }> = [];
  let notifier: SlackChatNotifier;
  const RENEWALS = 'C0RENEWALS';

  beforeAll(async () => {
    await slack.start();
    const sink = new Writable({
      write: (c: Buffer, _e, done) => {
        for (const l of c.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(l));
        done();
      },
    });
    const client = new webApi.WebClient(slack.botToken, { ...slackClientOptions({ SLACK_API_URL: slack.apiUrl }), retryConfig: { retries: 0 } });
    notifier = new SlackChatNotifier(client, createLogger('info', sink));
  });
  afterAll(() => slack.stop());
  beforeEach(() => {
    slack.reset();
    logs.length = 0;
  });

  async function depsWith(settings: Partial<RenewalSettings>): Promise<RenewalDeps> {
    const logger = createLogger(
      'info',
      new Writable({
        write: (c: Buffer, _e, done) => {
          for (const l of c.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(l));
          done();
        },
      }),
    );
    return withNudgeFallback({ ...(await renewalDepsFor(db, { settings })), notifier, logger });
  }

  const newOwner = (): UserRef => ({ platform: 'slack', id: `U${randomBytes(4).toString('hex').toUpperCase()}`, displayName: 'Olga Owner' });

  /** A contract whose deadline-day nudge (offset 0) is due on `endDate`. */
  async function dueContract(owner: UserRef, endDate: string, terms: Partial<ContractTermsInput> = {}) {
    return createContract(db.store, {
      terms: {
        title: 'Hosting MSA',
        type: 'msa',
        counterparty: 'Acme Cloud',
        startDate: '2026-01-01',
        endDate,
        noticePeriodDays: 0,
        ...terms,
      },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
      text: { body: 'Master services agreement.' },
    });
  }

  const fallbacksIn = (channel: string, nudge: string) => slack.deliveries(channel).filter((d) => d.deliveryId.includes(nudgeFallbackId(nudge)));

  it('owner gone (user_not_found): exactly one notice in the renewals channel, with the contract, the reason and the buttons, however often the scan runs', async () => {
    const deps = await depsWith({ renewalsChannel: { kind: 'channel', platform: 'slack', channelId: RENEWALS } });
    const owner = newOwner();
    const c = await dueContract(owner, '2028-03-31');
    db.clock.set('2028-03-31T06:00:00Z');
    slack.failAlways('conversations.open', { error: 'user_not_found' });

    const [a, b] = await Promise.all([runRenewalScan(deps), runRenewalScan(deps)]);
    await runRenewalScan(deps);
    db.clock.advanceDays(0.5);
    await runRenewalScan(deps);

    expect([...a.undeliverable, ...b.undeliverable]).toEqual([{ contractId: c.id, reason: 'Slack answered user_not_found' }]);
    const id = nudgeId(c.id, '2028-03-31', 0);
    const notices = fallbacksIn(RENEWALS, id);
    expect(notices).toHaveLength(1);
    const notice = notices[0]!.message;
    expect(notice.text).toContain(c.ref);
    expect(notice.text).toContain('Hosting MSA');
    expect(notice.text).toContain('Acme Cloud');
    expect(notice.text).toContain('notice deadline 2028-03-31');
    expect(notice.text).toContain(`Olga Owner (slack user ${owner.id})`);
    expect(notice.text).toContain('their chat account was not found');
    expect(notice.text).toContain('user_not_found');
    expect(notice.text).toContain('Reassign');
    // The same buttons as the nudge, about the same contract and term.
    const actions = JSON.stringify(notice.blocks);
    for (const action of ['renewal.start', 'renewal.lapse', 'renewal.snooze', 'renewal.reassign']) expect(actions).toContain(action);
    expect(actions).toContain(c.id);
    // The nudge itself still went to the channel once, and the notice is recorded as sent.
    expect(slack.deliveries(RENEWALS).filter((d) => d.deliveryId === `renewal_nudges/${id}/1`)).toHaveLength(1);
    expect(await deps.nudges.find(nudgeFallbackId(id))).toMatchObject({ status: 'sent', kind: 'renewal_nudge_undeliverable' });
  });

  it.each<[string, SlackFailure, string]>([
    ['HTTP 500', { status: 500 }, '2028-04-30'],
    ['ratelimited', { error: 'ratelimited' }, '2028-05-31'],
  ])('a transient failure (%s) is retried, not reported: the nudge arrives, no notice', async (_name, failure, endDate) => {
    const deps = await depsWith({ renewalsChannel: { kind: 'channel', platform: 'slack', channelId: RENEWALS } });
    const owner = newOwner();
    const c = await dueContract(owner, endDate);
    db.clock.set(`${endDate}T06:00:00Z`);
    slack.failNext('chat.postMessage', failure); // the first post: the owner's DM
    const first = await runRenewalScan(deps);
    expect(first).toMatchObject({ nudgesUnsent: 1, undeliverable: [] });
    db.clock.advanceDays(1 / 24);
    const retry = await runRenewalScan(deps);
    expect(retry.resent).toBe(1);

    const id = nudgeId(c.id, endDate, 0);
    expect(slack.deliveries(`D${owner.id}`).filter((d) => d.deliveryId === `renewal_nudges/${id}/0`)).toHaveLength(1);
    expect(fallbacksIn(RENEWALS, id)).toHaveLength(0);
    expect(await deps.nudges.existing([nudgeFallbackId(id)])).toEqual(new Set());
    expect(await deps.nudges.find(id)).toMatchObject({ status: 'sent' });
  });

  it('a retry that finds the owner gone (HTTP 500, then user_not_found) reports it then, once', async () => {
    const deps = await depsWith({ renewalsChannel: { kind: 'channel', platform: 'slack', channelId: RENEWALS } });
    const owner = newOwner();
    const c = await dueContract(owner, '2028-06-15');
    db.clock.set('2028-06-15T06:00:00Z');
    slack.failNext('chat.postMessage', { status: 500 }); // the owner's DM, first attempt
    await runRenewalScan(deps);
    const id = nudgeId(c.id, '2028-06-15', 0);
    expect(fallbacksIn(RENEWALS, id)).toHaveLength(0);
    slack.failNext('chat.postMessage', { error: 'user_not_found' }); // the retry's post of the DM (the notice's post then succeeds)
    db.clock.advanceDays(1 / 24);
    const retry = await runRenewalScan(deps);
    expect(retry.undeliverable).toEqual([{ contractId: c.id, reason: 'Slack answered user_not_found' }]);
    db.clock.advanceDays(1 / 24);
    await runRenewalScan(deps);
    expect(fallbacksIn(RENEWALS, id)).toHaveLength(1);
    expect(fallbacksIn(RENEWALS, id)[0]!.message.text).toContain('their chat account was not found');
  });

  it('no renewals channel: the notice goes to the admins of CLAUSE_ADMINS (those known by a Slack id)', async () => {
    const admins = slackAdminTargets({ CLAUSE_ADMINS: ['UADMIN01', 'ops@example.com'], SLACK_BOT_TOKEN: 'xoxb-test-token' });
    expect(admins).toEqual([{ kind: 'user', user: { platform: 'slack', id: 'UADMIN01' } }]);
    const deps = await depsWith({ admins });
    const owner = newOwner();
    const c = await dueContract(owner, '2028-06-30');
    db.clock.set('2028-06-30T06:00:00Z');
    slack.failNext('conversations.open', { error: 'account_inactive' }); // the owner's DM; the admin's opens
    await runRenewalScan(deps);
    await runRenewalScan(deps);

    const id = nudgeId(c.id, '2028-06-30', 0);
    const notices = fallbacksIn('DUADMIN01', id);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message.text).toContain(c.ref);
    expect(notices[0]!.message.text).toContain('their chat account is deactivated');
  });

  it('the renewals channel itself archived: the admins are told; with nobody to tell, one warning and the nudge stays recorded', async () => {
    const admins = [{ kind: 'user', user: { platform: 'slack', id: 'UADMIN02' } }] as const;
    const withAdmins = await depsWith({ renewalsChannel: { kind: 'channel', platform: 'slack', channelId: 'C0ARCHIVED' }, admins });
    // An owner this Slack notifier cannot reach (a Teams user), so the first Slack post is the channel's.
    const c = await dueContract({ platform: 'teams', id: '29:owner', displayName: 'Tom Teams' }, '2028-07-31');
    db.clock.set('2028-07-31T06:00:00Z');
    slack.failNext('chat.postMessage', { error: 'is_archived' });
    await runRenewalScan(withAdmins);
    await runRenewalScan(withAdmins);
    const id = nudgeId(c.id, '2028-07-31', 0);
    expect(await withAdmins.nudges.find(id)).toMatchObject({ status: 'failed' });
    const notices = fallbacksIn('DUADMIN02', id);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message.text).toContain('the slack channel C0ARCHIVED: the channel is archived (Slack answered is_archived)');
    expect(notices[0]!.message.text).toContain('Tom Teams (teams user 29:owner)');
    expect(fallbacksIn('C0ARCHIVED', id)).toHaveLength(0);

    const nobody = await depsWith({});
    const d = await dueContract(newOwner(), '2028-08-31');
    db.clock.set('2028-08-31T06:00:00Z');
    slack.failAlways('conversations.open', { error: 'user_not_found' });
    await runRenewalScan(nobody);
    await runRenewalScan(nobody);
    const dId = nudgeId(d.id, '2028-08-31', 0);
    expect(await nobody.nudges.find(dId)).toMatchObject({ status: 'failed' });
    expect(await nobody.nudges.existing([nudgeFallbackId(dId)])).toEqual(new Set());
    expect(logs.filter((l) => l.level === 40 && l.msg.includes(`renewal nudge ${dId}`))).toHaveLength(1);
  });
});
