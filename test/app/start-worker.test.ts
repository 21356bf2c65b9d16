import type { Activity } from 'botbuilder';
import { startWorker, type RunningWorker } from '../../src/app/start-worker.js';
import { rememberConversation } from '../../src/bots/teams/remember-conversation.js';
import { loadEnv } from '../../src/config/env.js';
import { createContract } from '../../src/core/services/create-contract.js';
import { submitForApproval } from '../../src/core/services/submit-for-approval.js';
import { createLogger } from '../../src/infra/logger.js';
import { MongoConversationReferences } from '../../src/infra/mongo/mongo-conversation-references.js';
import { JOB_NAMES } from '../../src/jobs/job-names.js';
import { BotConnectorEmulator } from '../emulators/bot-connector-emulator.js';
import { BotFrameworkAuthEmulator } from '../emulators/bot-framework-auth-emulator.js';
import { channelMention, DEFAULT_TENANT } from '../support/bot-activity.js';
import { useTestDatabase } from '../support/database.js';
import { jobsContext } from '../support/jobs-context.js';
import { APPROVALS_CHANNEL, POLICY_FILE, TEST_APP } from '../bots/teams/teams-harness.js';

/**
 * The worker builds its Services with the web process's composition root: the same notifiers
 * (Teams through the app credentials and the stored conversation references) and the same
 * approval channels, TEAMS_APPROVALS_CHANNEL included.
 */
describe('the worker (startWorker)', () => {
  const db = useTestDatabase('start_worker', '2026-03-02T09:00:00Z');
  const auth = new BotFrameworkAuthEmulator(TEST_APP);
  const connector = new BotConnectorEmulator({ verifyAuth: (authorization) => auth.isIssuedToken(authorization) });
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    await auth.start();
    await connector.start();
  });
  afterAll(async () => {
    await worker?.stop(2_000);
    await connector.stop();
    await auth.stop();
  });

  it("posts a stage's approval card to the Teams approvals channel (TEAMS_APPROVALS_CHANNEL) from its approval-reminders job", async () => {
    // The bot was mentioned in the approvals channel once (the web process stored the channel's reference).
    const references = new MongoConversationReferences(db.connection, db.clock);
    await rememberConversation(
      references,
      channelMention({ serviceUrl: connector.url, tenantId: DEFAULT_TENANT }, 'hello', APPROVALS_CHANNEL) as unknown as Activity,
    );

    // A contract submitted by a process without any approval channel, whose stage cards were then
    // never claimed (as if that process died first): the worker's job posts them, to ITS channels.
    const { ctx: submitter } = await jobsContext(db, { POLICY_FILE });
    expect(submitter.approvals.approvalChannels).toEqual([]);
    const rita = { platform: 'teams' as const, id: 'aad-rita', tenantId: DEFAULT_TENANT, displayName: 'Rita Rep' };
    const contract = await createContract(db.store, {
      terms: { title: 'Worker Channel NDA', type: 'nda', counterparty: 'Worker Channel Corp', value: { amountMinor: 100_000, currency: 'EUR' } },
      owner: rita,
      requester: rita,
      actor: rita,
      status: 'draft',
      text: { body: 'Terms.' },
    });
    const { round } = await submitForApproval(submitter.approvals, { contractId: contract.id, actor: rita });
    const claim = `stage-cards:${round.id}:0`;
    await db.connection.collection('chat_messages').deleteOne({ _id: claim as never });
    await db.connection.collection('chat_messages_payloads').deleteOne({ _id: claim as never });

    worker = await startWorker({
      env: loadEnv({ MONGODB_URI: db.uri, MONGODB_DB_NAME: db.dbName, POLICY_FILE, ...auth.env(), TEAMS_APPROVALS_CHANNEL: APPROVALS_CHANNEL.channelId }),
      logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
      clock: db.clock,
      database: { kind: 'uri', uri: db.uri, description: 'test database', stop: async () => undefined },
      jobs: { runAtStart: false, schedule: false, processEvery: 200, lockLifetime: 2_000 },
    });
    expect(worker.ctx.notifier.isOn('teams')).toBe(true);
    expect(worker.ctx.approvals.approvalChannels).toContainEqual({ kind: 'channel', platform: 'teams', channelId: APPROVALS_CHANNEL.channelId });

    await worker.jobs.agenda.now(JOB_NAMES.approvalReminders);
    const posted = await connector.waitFor(
      (r) => r.conversationId === APPROVALS_CHANNEL.channelId && JSON.stringify(r.activity).includes(contract.ref),
      15_000,
    );
    expect(posted.kind).toBe('send');
    expect(auth.isIssuedToken(posted.authorization)).toBe(true);
  }, 40_000);
});
