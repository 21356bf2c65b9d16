import { botInstalled, cardAction, personalConversationId } from '../../support/bot-activity.js';
import { DocumensoEmulator } from '../../emulators/documenso-emulator.js';
import { approvalCardFor, cardOf, cardText, executeActions, invokeBody, requestInTeams, useTeamsService, USERS } from './teams-harness.js';

const SECRET = 'teams-esign-webhook-secret-123';
const emu = new DocumensoEmulator();
// Filled in before the service starts (the harness reads it in its own beforeAll, which runs after this one).
const env: Record<string, string> = {};
beforeAll(async () => {
  await emu.start();
  Object.assign(env, { ESIGN_PROVIDER: 'documenso', DOCUMENSO_API_URL: emu.apiUrl, DOCUMENSO_API_KEY: emu.apiKey, DOCUMENSO_WEBHOOK_SECRET: SECRET });
});
afterAll(() => emu.stop());
const h = useTeamsService('teams_esign', env);

const click = async (user: typeof USERS.maria, verb: string, data: Record<string, unknown>) => invokeBody(await h.post(cardAction(h.as(user), { verb, data })));

beforeAll(async () => {
  for (const u of [USERS.rita, USERS.maria]) await h.post(botInstalled(h.as(u)));
});

describe('e-signature from Teams (ESIGN_PROVIDER=documenso)', () => {
  it('"Mark sent for signature" sends through Documenso; the card offers resend and cancel; completion makes it active and tells Rita', async () => {
    const ref = await requestInTeams(h, USERS.rita, { title: 'E-signed NDA' });
    const store = h.service.ctx.store;
    const c = (await store.contracts.findByRef(ref))!;
    await store.contracts.update(
      c.id,
      c.revision,
      { set: { keyTerms: { ...c.keyTerms, signerEmail: 'sam@acme.example', signerName: 'Sam Signer' } } },
      { actor: c.requester, action: 'terms_edited' },
    );
    const card = await approvalCardFor(h, ref, personalConversationId(USERS.maria));
    await click(USERS.maria, 'approval.approve', card.data);

    const next = await h.connector.waitFor(
      (r) =>
        r.conversationId === personalConversationId(USERS.rita) &&
        cardText(cardOf(r)).includes(ref) &&
        executeActions(cardOf(r)).some((a) => a.verb === 'contract.mark_sent'),
    );
    const markSent = executeActions(cardOf(next)).find((a) => a.verb === 'contract.mark_sent')!;
    const sent = await click(USERS.rita, 'contract.mark_sent', markSent.data);
    expect(cardText(sent.value)).toContain('is out for signature with Documenso (to sam@acme.example, rita@example.com)');
    expect(executeActions(sent.value).map((a) => a.verb)).toEqual(['contract.resend_signature', 'contract.cancel_signature']);
    const envelope = [...emu.envelopes.values()].find((e) => e.externalId === c.id)!;
    expect(envelope.status).toBe('PENDING');

    const resend = await click(USERS.rita, 'contract.resend_signature', markSent.data);
    expect(cardText(resend.value)).toContain('Signature request sent again to sam@acme.example, rita@example.com');
    expect(envelope.distributions).toBe(2);

    await emu.sign(envelope.id, 'sam@acme.example');
    const { completed } = await emu.sign(envelope.id, 'rita@example.com');
    const hook = `http://127.0.0.1:${h.service.port}/webhooks/esign/documenso`;
    expect((await emu.deliver(hook, completed!, SECRET)).json).toMatchObject({ status: 'applied', kind: 'completed' });
    expect(await store.contracts.findByRef(ref)).toMatchObject({ status: 'active' });
    const notice = await h.connector.waitFor((r) => r.conversationId === personalConversationId(USERS.rita) && cardText(cardOf(r)).includes(`${ref}: signed`));
    expect(cardText(cardOf(notice))).toContain('signed by everyone on Documenso');
  });
});
