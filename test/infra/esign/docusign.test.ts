import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { startService, type RunningService } from '../../../src/app/start-service.js';
import { loadEnv } from '../../../src/config/env.js';
import type { UserRef } from '../../../src/core/domain/user-ref.js';
import { ManualClock } from '../../../src/core/ports/clock.js';
import { cancelSignatureRequest } from '../../../src/core/services/cancel-signature-request.js';
import { createContract } from '../../../src/core/services/create-contract.js';
import { markSentForSignature } from '../../../src/core/services/mark-sent-for-signature.js';
import { resendSignatureRequest } from '../../../src/core/services/resend-signature-request.js';
import { createLogger } from '../../../src/infra/logger.js';
import { testMongoUri, uniqueDbName } from '../../support/database.js';
import { logCapture, type LogLine } from '../../support/log-capture.js';
import { RecordingNotifier } from '../../support/recording-notifier.js';
import { DocuSignEmulator } from '../../emulators/docusign-emulator.js';

const HMAC_KEY = 'connect-hmac-key-for-tests';
const owner: UserRef = { platform: 'teams', id: 'aad-owner', email: 'olivia@ourco.example', displayName: 'Olivia Owner' };

describe('e-signature through DocuSign (emulated eSignature API, JWT grant and Connect)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ids = { integrationKey: randomUUID(), userId: randomUUID(), accountId: randomUUID() };
  const emu = new DocuSignEmulator({ ...ids, publicKey });
  const logs: LogLine[] = [];
  const teams = new RecordingNotifier();
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
        MONGODB_DB_NAME: uniqueDbName('esign_docusign'),
        JOBS_ENABLED: 'false',
        ESIGN_PROVIDER: 'docusign',
        DOCUSIGN_BASE_PATH: emu.basePath,
        DOCUSIGN_OAUTH_BASE: emu.oauthBase,
        DOCUSIGN_INTEGRATION_KEY: ids.integrationKey,
        DOCUSIGN_USER_ID: ids.userId,
        DOCUSIGN_ACCOUNT_ID: ids.accountId,
        // One line with \n escapes, as a .env file or a secret store holds it.
        DOCUSIGN_PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString().replace(/\n/g, '\\n'),
        DOCUSIGN_CONNECT_HMAC_KEY: HMAC_KEY,
      }),
      logger: createLogger('info', logCapture(logs)),
      clock: new ManualClock('2026-03-02T09:00:00Z'),
      surfaces: [],
    });
    service.ctx.notifier.register('teams', teams);
    hook = `http://127.0.0.1:${service.port}/webhooks/esign/docusign`;
  });

  afterAll(async () => {
    await service?.ctx.connection.dropDatabase().catch(() => undefined);
    await service?.stop();
    await emu.stop();
  });

  const approved = (title: string) =>
    createContract(service.ctx.store, {
      terms: { title, type: 'msa', counterparty: 'Globex GmbH', keyTerms: { signerEmail: 'greta@globex.example', signerName: 'Greta Globex' } },
      owner,
      requester: owner,
      actor: owner,
      status: 'approved',
      text: { body: `1. Services\n\nGlobex provides the services (${title}).\n\n2. Fees\n\nAs per the order form.` },
    });

  it('creates the envelope from the contract .docx after a JWT grant; Connect completion makes it active with the signed PDF', async () => {
    const c = await approved('Master services');
    const sent = await markSentForSignature(service.ctx.store, { contractId: c.id, actor: owner });
    expect(sent.status).toBe('sent_for_signature');
    expect(emu.grants).toEqual([{ iss: ids.integrationKey, sub: ids.userId, aud: new URL(emu.oauthBase).host, scope: 'signature impersonation' }]);
    const env = [...emu.envelopes.values()].find((e) => e.customFields.some((f) => f.name === 'clauseContractId' && f.value === c.id))!;
    expect(env.docx.subarray(0, 2).toString('latin1')).toBe('PK'); // a .docx (zip)
    expect(env.documentText).toContain('Globex provides the services');
    expect(env.signers.map((s) => [s.email, s.recipientId, s.anchors])).toEqual([
      ['greta@globex.example', '1', ['/sn1/']],
      ['olivia@ourco.example', '2', ['/sn2/']],
    ]);
    const api = emu.calls.all().filter((x) => x.path.startsWith('/restapi'));
    expect(api.every((x) => x.authorization?.startsWith('Bearer ds_'))).toBe(true);

    const greta = emu.sign(env.envelopeId, 'greta@globex.example');
    expect((await emu.deliver(hook, greta.recipient, HMAC_KEY)).json).toMatchObject({ status: 'applied', kind: 'signer_signed' });
    const last = emu.sign(env.envelopeId, 'olivia@ourco.example');

    // Forged: no signature, a signature made with another key, or a body changed after signing.
    const before = { contract: await service.ctx.store.contracts.findById(c.id), audit: (await service.ctx.store.audit.listForContract(c.id)).length };
    expect((await emu.deliver(hook, last.completed!, undefined)).status).toBe(401);
    expect((await emu.deliver(hook, last.completed!, 'another-key')).status).toBe(401);
    const tampered = await fetch(hook, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-docusign-signature-1': (await import('node:crypto')).createHmac('sha256', HMAC_KEY).update(JSON.stringify(last.completed)).digest('base64'),
      },
      body: JSON.stringify({ ...last.completed, event: 'envelope-voided' }),
    });
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get('content-type')).toContain('application/problem+json');
    expect({ contract: await service.ctx.store.contracts.findById(c.id), audit: (await service.ctx.store.audit.listForContract(c.id)).length }).toEqual(before);

    // Malformed but authentic: 400.
    const bad = await emu.deliver(hook, JSON.stringify({ event: 'envelope-completed', data: {} }), HMAC_KEY);
    expect(bad.status).toBe(400);

    const done = await emu.deliver(hook, last.completed!, HMAC_KEY);
    expect(done.json).toMatchObject({ status: 'applied', kind: 'completed', contractRef: c.ref });
    expect((await service.ctx.store.contracts.findById(c.id))!.status).toBe('active');
    const doc = await service.ctx.connection.db!.collection('contract_documents').findOne({ contractId: c.id });
    expect(String(doc!.text)).toContain('Signed by Greta Globex');
    // Owner = requester: told once of Greta's signature, once of the completion.
    expect(teams.sent.filter((m) => m.message.text.includes(c.ref)).map((m) => m.message.card!.title)).toEqual([
      `${c.ref}: Greta Globex signed`,
      `${c.ref}: signed`,
    ]);
    expect((await emu.deliver(hook, last.completed!, HMAC_KEY)).json.status).toBe('duplicate');
  });

  it('resend, decline and void go through EnvelopesApi.update; a declined envelope takes the contract back', async () => {
    const a = await approved('Resend then void');
    await markSentForSignature(service.ctx.store, { contractId: a.id, actor: owner });
    const envA = [...emu.envelopes.values()].at(-1)!;
    await resendSignatureRequest(service.ctx.store, { contractId: a.id, actor: owner });
    expect(envA.resends).toBe(1);
    await cancelSignatureRequest(service.ctx.store, { contractId: a.id, actor: owner, reason: 'Terms changed' });
    expect(envA).toMatchObject({ status: 'voided', voidedReason: 'Terms changed' });
    expect((await service.ctx.store.contracts.findById(a.id))!.status).toBe('approved');

    const b = await approved('Declined');
    await markSentForSignature(service.ctx.store, { contractId: b.id, actor: owner });
    const envB = [...emu.envelopes.values()].at(-1)!;
    const r = await emu.deliver(hook, emu.decline(envB.envelopeId, 'greta@globex.example', 'Price too high'), HMAC_KEY);
    expect(r.json).toMatchObject({ status: 'applied', kind: 'rejected' });
    expect((await service.ctx.store.contracts.findById(b.id))!.status).toBe('approved');
    expect(teams.sent.at(-1)!.message.text).toContain('Greta Globex declined: Price too high');
    expect(emu.grants).toHaveLength(1); // the access token is reused until it nears expiry
  });
});
