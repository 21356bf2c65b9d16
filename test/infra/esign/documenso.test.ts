import { startService, type RunningService } from '../../../src/app/start-service.js';
import { loadEnv } from '../../../src/config/env.js';
import { ManualClock } from '../../../src/core/ports/clock.js';
import { cancelSignatureRequest } from '../../../src/core/services/cancel-signature-request.js';
import { createContract } from '../../../src/core/services/create-contract.js';
import { markSentForSignature } from '../../../src/core/services/mark-sent-for-signature.js';
import { resendSignatureRequest } from '../../../src/core/services/resend-signature-request.js';
import { showContract } from '../../../src/core/services/show-contract.js';
import { CONTRACT_ACTIONS } from '../../../src/core/views/contract-views.js';
import type { UserRef } from '../../../src/core/domain/user-ref.js';
import { createLogger } from '../../../src/infra/logger.js';
import { testMongoUri, uniqueDbName } from '../../support/database.js';
import { logCapture, type LogLine } from '../../support/log-capture.js';
import { RecordingNotifier } from '../../support/recording-notifier.js';
import { DocumensoEmulator } from '../../emulators/documenso-emulator.js';

const SECRET = 'documenso-webhook-secret-0123456789';
const owner: UserRef = { platform: 'slack', id: 'U0OWNER', email: 'olivia@ourco.example', displayName: 'Olivia Owner' };
const requester: UserRef = { platform: 'slack', id: 'U0REQ', email: 'rick@ourco.example', displayName: 'Rick Requester' };

describe('e-signature through Documenso (emulated API and webhooks)', () => {
  const emu = new DocumensoEmulator();
  const logs: LogLine[] = [];
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const slack = new RecordingNotifier();
  let service: RunningService;
  let hook: string;

  beforeAll(async () => {
    await emu.start();
    service = await startService({
      env: loadEnv({
        PLAYGROUND: 'off',
        PORT: '0',
        HOST: '127.0.0.1',
        MONGODB_URI: testMongoUri(),
        MONGODB_DB_NAME: uniqueDbName('esign_documenso'),
        JOBS_ENABLED: 'false',
        ESIGN_PROVIDER: 'documenso',
        DOCUMENSO_API_URL: emu.apiUrl,
        DOCUMENSO_API_KEY: emu.apiKey,
        DOCUMENSO_WEBHOOK_SECRET: SECRET,
      }),
      logger: createLogger('info', logCapture(logs)),
      clock,
      surfaces: [],
    });
    service.ctx.notifier.register('slack', slack);
    hook = `http://127.0.0.1:${service.port}/webhooks/esign/documenso`;
  });

  afterAll(async () => {
    await service?.ctx.connection.dropDatabase().catch(() => undefined);
    await service?.stop();
    await emu.stop();
  });

  async function approvedContract(title: string, keyTerms: Record<string, string> = { signerEmail: 'sam@acme.example', signerName: 'Sam Signer' }) {
    return createContract(service.ctx.store, {
      terms: { title, type: 'nda', counterparty: 'Acme Ltd', keyTerms },
      owner,
      requester,
      actor: requester,
      status: 'approved',
      text: { body: `1. Confidentiality\n\nEach party keeps the other's information confidential (${title}).\n\n2. Term\n\nTwo years.` },
    });
  }

  const db = () => service.ctx.connection.db!;
  const snapshot = async (contractId: string) => ({
    contract: await service.ctx.store.contracts.findById(contractId),
    audit: await db().collection('audit_events').countDocuments({ contractId }),
    events: await db().collection('signature_events').countDocuments(),
    requests: await db().collection('signature_requests').find({ contractId }).toArray(),
    documents: await db().collection('contract_documents').countDocuments(),
    messages: slack.sent.length,
  });
  const envelopeOf = (contractId: string) => [...emu.envelopes.values()].find((e) => e.externalId === contractId)!;
  const actions = async (ref: string) =>
    (await showContract({ ...service.ctx.approvals, admins: [] }, { ref, viewer: owner })).card?.actions?.map((a) => a.id) ?? [];

  it('sends from "Mark sent for signature": envelope with the PDF and the signers, distributed; the card shows it', async () => {
    const c = await approvedContract('Mutual NDA');
    const sent = await markSentForSignature(service.ctx.store, { contractId: c.id, actor: owner });
    expect(sent.status).toBe('sent_for_signature');
    const env = envelopeOf(c.id);
    expect(env.status).toBe('PENDING');
    expect(Buffer.from(env.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(env.recipients.map((r) => [r.email, r.role, r.fields.length])).toEqual([
      ['sam@acme.example', 'SIGNER', 1],
      ['olivia@ourco.example', 'SIGNER', 1],
    ]);
    const calls = emu.calls.all().map((x) => `${x.method} ${x.path}`);
    expect(calls).toEqual(expect.arrayContaining(['POST /envelope/create', 'POST /envelope/distribute']));
    expect(emu.calls.all().every((x) => x.authorization === emu.apiKey)).toBe(true);
    const show = await showContract({ ...service.ctx.approvals, admins: [] }, { ref: c.ref, viewer: owner });
    const text = show.card!.sections.map((s) => ('text' in s ? s.text : '')).join('\n');
    expect(text).toContain('Signature (Documenso): out for signature');
    expect(text).toContain('Sam Signer <sam@acme.example>: not signed yet');
    expect(text).toContain(`Envelope: ${emu.apiUrl.replace('/api/v2', '')}/documents/${env.id}`);
    expect(show.card!.actions!.map((a) => a.id)).toEqual([CONTRACT_ACTIONS.resendSignature, CONTRACT_ACTIONS.cancelSignature]);
  });

  it('refuses to send without a counterparty signer, and sends nothing', async () => {
    const c = await approvedContract('No signer', {});
    const before = emu.envelopes.size;
    await expect(markSentForSignature(service.ctx.store, { contractId: c.id, actor: owner })).rejects.toThrow(/signerEmail/);
    expect(emu.envelopes.size).toBe(before);
    expect((await service.ctx.store.contracts.findById(c.id))!.status).toBe('approved');
  });

  it('a provider failure changes nothing, and a retry sends once', async () => {
    const c = await approvedContract('Flaky send');
    emu.failNext('/envelope/create', 500);
    await expect(markSentForSignature(service.ctx.store, { contractId: c.id, actor: owner })).rejects.toThrow(/Documenso did not take the envelope/);
    expect((await service.ctx.store.contracts.findById(c.id))!.status).toBe('approved');
    expect(await db().collection('signature_requests').countDocuments({ contractId: c.id })).toBe(0);
    await markSentForSignature(service.ctx.store, { contractId: c.id, actor: owner });
    expect([...emu.envelopes.values()].filter((e) => e.externalId === c.id)).toHaveLength(1);
  });

  it('DOCUMENT_SIGNED, forged and malformed callbacks, DOCUMENT_COMPLETED, duplicates and late events', async () => {
    const c = await approvedContract('Signed NDA');
    await markSentForSignature(service.ctx.store, { contractId: c.id, actor: owner });
    const env = envelopeOf(c.id);

    const first = await emu.sign(env.id, 'sam@acme.example');
    const signed = await emu.deliver(hook, first.signed, SECRET);
    expect(signed.status).toBe(200);
    expect(signed.json).toMatchObject({ status: 'applied', kind: 'signer_signed' });
    let state = await snapshot(c.id);
    expect(state.requests[0]!.signers.map((s: { status: string }) => s.status)).toEqual(['signed', 'pending']);
    const progress = slack.sent.filter((m) => m.message.text.startsWith(`Sam Signer signed ${c.ref}`));
    expect(progress).toHaveLength(2); // requester and owner
    expect(progress[0]!.message.text).toContain('Still to sign: Olivia Owner.');

    // Forged: wrong or missing secret -> 401 problem, nothing changes.
    const second = await emu.sign(env.id, 'olivia@ourco.example');
    const before = await snapshot(c.id);
    for (const secret of ['wrong-secret', undefined, `${SECRET}x`]) {
      const forged = await emu.deliver(hook, second.completed!, secret);
      expect(forged.status).toBe(401);
      expect(forged.json).toMatchObject({ status: 401, code: 'invalid_signature' });
    }
    expect(await snapshot(c.id)).toEqual(before);
    expect(logs.some((l) => l.msg === 'refused a forged e-signature callback')).toBe(true);

    // Malformed (authentic, unreadable): 400 problem, nothing changes.
    const notJson = await emu.deliver(hook, '{"event":', SECRET);
    expect(notJson.status).toBe(400);
    expect(notJson.json.code).toBe('invalid_callback');
    const noPayload = await emu.deliver(hook, JSON.stringify({ event: 'DOCUMENT_COMPLETED', createdAt: 'x' }), SECRET);
    expect(noPayload.status).toBe(400);
    expect(noPayload.json.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'payload' })]));
    expect(await snapshot(c.id)).toEqual(before);

    // Completed: active with the signed date, the signed PDF stored as its document, audited, both told in chat.
    const done = await emu.deliver(hook, second.completed!, SECRET);
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ status: 'applied', kind: 'completed', contractRef: c.ref });
    state = await snapshot(c.id);
    expect(state.contract!.status).toBe('active');
    expect(state.contract!.signedDate).toBe(new Date().toISOString().slice(0, 10));
    const doc = await db().collection('contract_documents').findOne({ contractId: c.id });
    expect(doc).toMatchObject({ fileName: `${c.ref}-signed.pdf`, mime: 'application/pdf' });
    expect(String(doc!.text)).toContain('Each party keeps the other');
    expect(String(doc!.text)).toContain('Signed by Sam Signer');
    const audit = (await service.ctx.store.audit.listForContract(c.id)).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['send_for_signature', 'signature_signed', 'document_attached', 'sign']));
    const notices = slack.sent.filter((m) => m.message.text.includes(c.ref) && m.message.text.includes('signed by everyone'));
    expect(notices.map((m) => (m.target.kind === 'user' ? m.target.user.id : '')).sort()).toEqual(['U0OWNER', 'U0REQ']);
    expect(state.requests[0]!.status).toBe('completed');

    // Duplicate: same event again -> 200 duplicate, nothing new.
    const afterDone = await snapshot(c.id);
    const dup = await emu.deliver(hook, second.completed!, SECRET);
    expect(dup.status).toBe(200);
    expect(dup.json.status).toBe('duplicate');
    expect(await snapshot(c.id)).toEqual(afterDone);

    // Out of order: the second signature's DOCUMENT_SIGNED arrives after completion (recorded, contract stays active);
    // a DOCUMENT_REJECTED after completion is stale and moves nothing back.
    const lateSigned = await emu.deliver(hook, second.signed, SECRET);
    expect(lateSigned.json).toMatchObject({ status: 'applied', kind: 'signer_signed' });
    const rejectedLate = emu.webhookBody('DOCUMENT_REJECTED', { ...env, status: 'REJECTED' });
    const stale = await emu.deliver(hook, rejectedLate, SECRET);
    expect(stale.status).toBe(200);
    expect(stale.json.status).toBe('stale');
    expect((await service.ctx.store.contracts.findById(c.id))!.status).toBe('active');
    expect(slack.sent.length).toBe(afterDone.messages);
  });

  it('DOCUMENT_REJECTED takes the contract back to approved and tells requester and owner, with the send button', async () => {
    const c = await approvedContract('Declined NDA');
    await markSentForSignature(service.ctx.store, { contractId: c.id, actor: owner });
    const env = envelopeOf(c.id);
    const r = await emu.deliver(hook, emu.reject(env.id, 'sam@acme.example', 'Wrong governing law'), SECRET);
    expect(r.json).toMatchObject({ status: 'applied', kind: 'rejected' });
    const contract = (await service.ctx.store.contracts.findById(c.id))!;
    expect(contract.status).toBe('approved');
    const notice = slack.sent.find((m) => m.message.text.includes(c.ref) && m.message.text.includes('declined'))!;
    expect(notice.message.text).toContain('Sam Signer declined: Wrong governing law');
    expect(notice.message.card!.actions!.map((a) => a.id)).toEqual([CONTRACT_ACTIONS.markSent]);
    const trail = await service.ctx.store.audit.listForContract(c.id);
    expect(trail.at(-1)).toMatchObject({ action: 'recall_signature', fromStatus: 'sent_for_signature', toStatus: 'approved' });
  });

  it('resend and cancel from chat: through the provider, audited; the cancel callback that follows changes nothing', async () => {
    const c = await approvedContract('Resent NDA');
    await markSentForSignature(service.ctx.store, { contractId: c.id, actor: owner });
    const env = envelopeOf(c.id);
    await expect(resendSignatureRequest(service.ctx.store, { contractId: c.id, actor: { platform: 'slack', id: 'U0STRANGER' } })).rejects.toThrow(
      /Only the owner or requester/,
    );
    const resent = await resendSignatureRequest(service.ctx.store, { contractId: c.id, actor: requester });
    expect(resent.resentTo).toEqual(['sam@acme.example', 'olivia@ourco.example']);
    expect(env.distributions).toBe(2);
    const cancelled = await cancelSignatureRequest(service.ctx.store, { contractId: c.id, actor: owner, reason: 'Wrong signer' });
    expect(cancelled.status).toBe('approved');
    expect(env.status).toBe('CANCELLED');
    expect(await actions(c.ref)).toEqual([CONTRACT_ACTIONS.markSent]);
    const messages = slack.sent.length;
    const late = await emu.deliver(hook, emu.webhookBody('DOCUMENT_CANCELLED', env), SECRET);
    expect(late.json.status).toBe('stale');
    expect(slack.sent.length).toBe(messages);
    const trail = (await service.ctx.store.audit.listForContract(c.id)).map((e) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['signature_resent', 'recall_signature']));
  });

  it('a callback that overtakes its own send gets 503 (the provider retries); one about an envelope Clause never sent is ignored', async () => {
    const c = await approvedContract('Overtaken');
    // The provider has the envelope, Clause has not recorded it yet (the send is still in flight).
    const sent = await service.ctx.store.signatures!.provider.send({
      contractId: c.id,
      document: { ref: c.ref, title: c.title, text: 'Text', version: 1 },
      signers: [{ name: 'Sam', email: 'sam@acme.example' }],
    });
    const { completed } = await emu.sign(sent.envelopeId, 'sam@acme.example');
    const early = await emu.deliver(hook, completed!, SECRET);
    expect(early.status).toBe(503);
    expect(early.json.code).toBe('not_ready');
    expect((await service.ctx.store.contracts.findById(c.id))!.status).toBe('approved');

    const stranger = emu.webhookBody('DOCUMENT_COMPLETED', { ...emu.envelopes.get(sent.envelopeId)!, externalId: 'not-a-contract-of-ours' });
    const ignored = await emu.deliver(hook, stranger, SECRET);
    expect(ignored.status).toBe(200);
    expect(ignored.json.status).toBe('ignored');
  });

  it('answers 404 for a provider that is not configured', async () => {
    const r = await fetch(`http://127.0.0.1:${service.port}/webhooks/esign/docusign`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });
});
