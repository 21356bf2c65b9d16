import { fileURLToPath } from 'node:url';
import { CONTRACT_ACTIONS } from '../../src/core/views/contract-views.js';
import { MongoApiKeys } from '../../src/infra/mongo/mongo-api-keys.js';
import { cardAction, botInstalled } from '../support/bot-activity.js';
import { blockActionsBody, postToSlack } from '../support/slack-signing.js';
import { approvalCardFor, invokeBody, SLACK_SECRET, USERS, useTeamsService, waitUntil } from '../bots/teams/teams-harness.js';
import { DocumensoEmulator } from '../emulators/documenso-emulator.js';
import { WebhookReceiver } from '../emulators/webhook-receiver.js';

/**
 * Issue 13's "Done when", end to end through real HTTP everywhere: a CRM asks for a contract over
 * the REST API → the requester submits it from the Slack DM (signed requests into /slack/events,
 * the Slack API emulator behind) → the approver approves on Teams (Bot Connector emulator) →
 * "Mark sent for signature" sends it to Documenso (emulator) → DOCUMENT_COMPLETED → the contract
 * is active with the signed PDF stored → `contract.signed` reaches the CRM's receiver, verified by
 * the `standardwebhooks` verifier → GET /contracts/{ref} and its audit trail show it all.
 */
const POLICY = fileURLToPath(new URL('./fixtures/handoff-policy.yaml', import.meta.url));
const DOCUMENSO_SECRET = 'documenso-webhook-secret-e2e-0123456789';
const RITA = { id: 'U0RITA', name: 'rita', realName: 'Rita Slack', email: 'rita.slack@example.com' };

type Json = Record<string, any>;

const documenso = new DocumensoEmulator();
const receiver = new WebhookReceiver();
// The emulators' URLs are known only once they run: the env is read lazily by the harness's beforeAll.
const env: Record<string, string> = {
  POLICY_FILE: POLICY,
  ESIGN_PROVIDER: 'documenso',
  DOCUMENSO_WEBHOOK_SECRET: DOCUMENSO_SECRET,
  WEBHOOK_TIMEOUT_MS: '5000',
};
beforeAll(async () => {
  await documenso.start();
  await receiver.start();
  env.DOCUMENSO_API_URL = documenso.apiUrl;
  env.DOCUMENSO_API_KEY = documenso.apiKey;
});
const h = useTeamsService('handoff_e2e', env);
afterAll(async () => {
  await h.service?.ctx.webhooks?.idle();
  await receiver.stop();
  await documenso.stop();
});

let key = '';
async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${h.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Json) : {} };
}

/** The first button in a Slack message's blocks with this action id. */
function buttonOf(blocks: unknown, actionId: string): { action_id: string; value: string } | undefined {
  for (const block of (blocks ?? []) as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>)
    for (const el of block.elements ?? []) if (el.action_id === actionId) return el as { action_id: string; value: string };
  return undefined;
}

describe('handoff end to end: CRM → Slack → Teams → Documenso → signed webhook → API', () => {
  beforeAll(async () => {
    h.slack.addUser(RITA);
    await h.post(botInstalled(h.as(USERS.maria)));
    const keys = new MongoApiKeys(h.service.ctx.connection);
    key = (await keys.create('crm', ['contracts:read', 'contracts:write', 'webhooks:write', 'webhooks:read'], new Date())).secret;
  });

  it('runs the whole handoff and the API shows the signed contract with its audit trail', async () => {
    // The CRM subscribes to contract.signed.
    const sub = await api('POST', '/webhooks', { url: `${receiver.url}/crm`, events: ['contract.signed'] });
    expect(sub.status).toBe(201);
    receiver.setSecret(sub.json.secret as string);

    // 1. The deal closes: the CRM asks for the contract (with the counterparty's signer).
    const created = await api('POST', '/contract-requests', {
      type: 'msa',
      counterparty: 'Handoff GmbH',
      value: { amountMinor: 4_800_000, currency: 'EUR' },
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      noticePeriodDays: 30,
      governingLaw: 'Germany',
      requester: { platform: 'slack', id: RITA.id, email: RITA.email },
      deal: { id: 'D-E2E-1', url: 'https://crm.example.com/deals/D-E2E-1' },
      signer: { email: 'sam@handoff.example', name: 'Sam Signer' },
    });
    expect([created.status, created.json.detail]).toEqual([201, undefined]);
    expect(created.json).toMatchObject({ submitted: false, requesterNotified: true, contract: { status: 'draft' } });
    const ref = created.json.contract.ref as string;
    const contractId = (await h.service.ctx.store.contracts.findByRef(ref))!.id;

    // 2. Rita gets the draft in her Slack DM and clicks "Submit for approval".
    const dm = await waitUntil(
      () => h.slack.calls('chat.postMessage').find((c) => String(c.args.text ?? '').includes(ref) && buttonOf(c.args.blocks, CONTRACT_ACTIONS.resubmit)),
      10_000,
      'the DM to the requester',
    );
    const button = buttonOf(dm.args.blocks, CONTRACT_ACTIONS.resubmit)!;
    const viewsBefore = h.slack.calls('views.open').length;
    const clicked = await postToSlack(
      h.url,
      blockActionsBody({
        userId: RITA.id,
        actionId: button.action_id,
        value: button.value,
        messageTs: '1700000000.000100',
        channelId: String(dm.args.channel),
        responseUrl: h.slack.responseUrl('e2e-submit'),
        triggerId: 'e2e-trigger-1',
      }),
      { secret: SLACK_SECRET },
    );
    expect(clicked.status).toBe(200);
    // One click: the draft is submitted as it stands (no form), and the DM's card is updated.
    await waitUntil(async () => (await h.service.ctx.store.contracts.findById(contractId))?.status === 'in_review', 10_000, 'in review');
    expect(h.slack.calls('views.open').length).toBe(viewsBefore);

    // 3. Maria approves it on Teams.
    const card = await approvalCardFor(h, ref);
    const approved = await invokeBody(await h.post(cardAction(h.as(USERS.maria), { verb: 'approval.approve', data: card.data })));
    expect(approved.statusCode).toBe(200);
    await waitUntil(async () => (await h.service.ctx.store.contracts.findById(contractId))?.status === 'approved', 10_000, 'approved');

    // 4. Rita clicks "Mark sent for signature" in Slack: Documenso gets the envelope.
    const sent = await postToSlack(
      h.url,
      blockActionsBody({
        userId: RITA.id,
        actionId: CONTRACT_ACTIONS.markSent,
        value: JSON.stringify({ contractId }),
        messageTs: '1700000000.000200',
        channelId: String(dm.args.channel),
        responseUrl: h.slack.responseUrl('e2e-send'),
        triggerId: 'e2e-trigger-2',
      }),
      { secret: SLACK_SECRET },
    );
    expect(sent.status).toBe(200);
    const envelope = await waitUntil(() => [...documenso.envelopes.values()].find((e) => e.externalId === contractId), 10_000, 'the Documenso envelope');
    expect(envelope.recipients.map((r) => r.email)).toEqual(['sam@handoff.example', RITA.email]);
    await waitUntil(async () => (await h.service.ctx.store.contracts.findById(contractId))?.status === 'sent_for_signature', 10_000, 'sent');

    // 5. Both sign; Documenso calls back with DOCUMENT_COMPLETED.
    const hook = `${h.url}/webhooks/esign/documenso`;
    const first = await documenso.sign(envelope.id, 'sam@handoff.example');
    expect((await documenso.deliver(hook, first.signed, DOCUMENSO_SECRET)).status).toBe(200);
    const second = await documenso.sign(envelope.id, RITA.email);
    const done = await documenso.deliver(hook, second.completed!, DOCUMENSO_SECRET);
    expect(done.json).toMatchObject({ status: 'applied', kind: 'completed', contractRef: ref });

    // 6. Active, with the signed PDF stored as its document.
    const doc = await h.service.ctx.connection.db!.collection('contract_documents').findOne({ contractId });
    expect(doc).toMatchObject({ fileName: `${ref}-signed.pdf`, mime: 'application/pdf' });

    // 7. contract.signed reached the CRM, verified by the standardwebhooks verifier.
    const hooked = await waitUntil(() => receiver.received.find((r) => r.path === '/crm'), 10_000, 'the contract.signed webhook');
    expect(hooked.verifyError).toBeUndefined();
    expect(hooked.verified).toBe(true);
    expect(receiver.processed.get(hooked.id!)).toMatchObject({ type: 'contract.signed', data: { contract: { ref, status: 'active' } } });

    // 8. The API shows it all.
    const shown = await api('GET', `/contracts/${ref}`);
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({
      ref,
      status: 'active',
      signedDate: new Date().toISOString().slice(0, 10),
      crmDeal: { id: 'D-E2E-1' },
      requester: { platform: 'slack', id: RITA.id },
      signature: {
        provider: 'documenso',
        envelopeId: envelope.id,
        status: 'completed',
        signers: [
          { email: 'sam@handoff.example', name: 'Sam Signer', status: 'signed', signedAt: expect.any(String) },
          { email: RITA.email, status: 'signed', signedAt: expect.any(String) },
        ],
      },
    });
    expect(shown.json.signature.completedAt).toEqual(expect.any(String));

    const audit = await api('GET', `/contracts/${ref}/audit`);
    expect(audit.status).toBe(200);
    const actions = (audit.json.events as Json[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['created', 'submit', 'approve', 'send_for_signature', 'document_attached', 'sign']));
    const at = (action: string) => actions.indexOf(action);
    expect(at('created')).toBeLessThan(at('submit'));
    expect(at('submit')).toBeLessThan(at('approve'));
    expect(at('approve')).toBeLessThan(at('send_for_signature'));
    expect(at('send_for_signature')).toBeLessThan(at('sign'));
    expect((audit.json.events as Json[])[0]!.actor).toMatchObject({ platform: 'api', displayName: 'crm' });
    const approver = (audit.json.events as Json[]).find((e) => e.action === 'approve')!.actor;
    expect(approver).toMatchObject({ platform: 'teams', id: 'aad-maria' });
  }, 60_000);
});
