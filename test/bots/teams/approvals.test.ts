import { botInstalled, cardAction, personalConversationId } from '../../support/bot-activity.js';
import {
  approvalCardFor,
  cardInputs,
  cardOf,
  cardText,
  executeActions,
  invokeBody,
  ndaForm,
  openRequestForm,
  requestInTeams,
  submitRequest,
  useTeamsService,
  USERS,
} from './teams-harness.js';

const h = useTeamsService('teams_approvals');

const click = async (user: typeof USERS.maria, verb: string, data: Record<string, unknown>, replyToId?: string) =>
  invokeBody(await h.post(cardAction(h.as(user), { verb, data, ...(replyToId ? { replyToId } : {}) })));

beforeAll(async () => {
  // Everyone has a personal chat with the bot (so Maria's cards go there, refreshable by her Teams id).
  for (const u of [USERS.rita, USERS.maria, USERS.otto]) await h.post(botInstalled(h.as(u)));
});

describe('Teams approvals', () => {
  it('a rejection needs a reason; with one, the card shows it and the requester is told why', async () => {
    const ref = await requestInTeams(h, USERS.rita, { title: 'Rejected NDA' });
    const card = await approvalCardFor(h, ref, personalConversationId(USERS.maria));
    // The card refreshes for Maria by her Teams id (Universal Actions) while it is pending.
    const refresh = (cardOf(card) as { refresh?: { userIds?: string[]; action?: { verb?: string } } }).refresh;
    expect(refresh?.userIds).toEqual([USERS.maria.id]);
    expect(refresh?.action?.verb).toBe('approval.refresh');

    // No reason: nothing changes, the card says why.
    const noReason = await click(USERS.maria, 'approval.reject', card.data);
    expect(cardText(noReason.value)).toContain('A reason is required');
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('in_review');

    const rejected = await click(USERS.maria, 'approval.reject', { ...card.data, reason: 'The term must be 24 months' }, card.activityId);
    const text = cardText(rejected.value);
    expect(text).toMatch(/Rejected: Rejected NDA/);
    expect(text).toContain('The term must be 24 months');
    expect(executeActions(rejected.value)).toHaveLength(0);
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('rejected');
    await h.connector.waitFor((r) => r.kind === 'update' && r.activityId === card.activityId && cardText(cardOf(r)).includes('The term must be 24 months'));
    const told = await h.connector.waitFor(
      (r) =>
        r.kind === 'send' &&
        r.conversationId === personalConversationId(USERS.rita) &&
        JSON.stringify(r.activity).includes(`${ref}`) &&
        JSON.stringify(r.activity).includes('was rejected'),
    );
    expect(JSON.stringify(told.activity)).toContain('The term must be 24 months');
  });

  it('the refresh verb redraws the current card for a viewer', async () => {
    const ref = await requestInTeams(h, USERS.rita, { title: 'Refreshed NDA' });
    const card = await approvalCardFor(h, ref, personalConversationId(USERS.maria));
    const refreshed = await click(USERS.maria, 'approval.refresh', { roundId: card.data.roundId });
    expect(cardText(refreshed.value)).toContain(ref);
    expect(executeActions(refreshed.value).map((a) => a.verb)).toEqual(expect.arrayContaining(['approval.approve', 'approval.reject']));
  });

  it('an unauthorized approver and the requester are refused, and nothing changes', async () => {
    const ref = await requestInTeams(h, USERS.rita, { title: 'Guarded NDA' });
    const card = await approvalCardFor(h, ref, personalConversationId(USERS.maria));
    const updatesBefore = h.connector.updates().length;

    const otto = await click(USERS.otto, 'approval.approve', card.data);
    expect(cardText(otto.value)).toMatch(/⚠ You are not an approver of Stage 1 of 1: Manager/);
    expect(executeActions(otto.value).map((a) => a.verb)).toContain('approval.approve'); // still pending

    const rita = await click(USERS.rita, 'approval.approve', card.data);
    expect(cardText(rita.value)).toMatch(/⚠ You are not an approver|⚠ You requested or own/);

    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('in_review');
    expect(h.connector.updates().length).toBe(updatesBefore);
  });

  it('a second click after the decision says who decided, and changes nothing', async () => {
    const ref = await requestInTeams(h, USERS.rita, { title: 'Twice-clicked NDA' });
    const card = await approvalCardFor(h, ref, personalConversationId(USERS.maria));
    const [first, second] = await Promise.all([click(USERS.maria, 'approval.approve', card.data), click(USERS.maria, 'approval.approve', card.data)]);
    const texts = [cardText(first.value), cardText(second.value)];
    // One click decided; the other was told it changed nothing (however the two interleaved).
    expect(texts.filter((t) => t.includes('You approved Stage 1 of 1'))).toHaveLength(1);
    expect(texts.filter((t) => /already|Nothing was changed/.test(t))).toHaveLength(1);
    const late = await click(USERS.maria, 'approval.approve', card.data);
    expect(cardText(late.value)).toMatch(/⚠ .*already approved/);
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('approved');
    const contract = (await h.service.ctx.store.contracts.findByRef(ref))!;
    const events = await h.service.ctx.store.audit.listForContract(contract.id);
    expect(events.filter((e) => e.action === 'approve')).toHaveLength(1);
  });
});

describe('the Teams request form', () => {
  it('an invalid submission comes back with what is wrong and every value kept; nothing is stored', async () => {
    const countBefore = await h.service.ctx.store.contracts.count({});
    const { formId } = await openRequestForm(h, USERS.rita);
    // Field rules (the same schema as Slack's modal): a counterparty, a real amount.
    const values = ndaForm({ title: 'Umbrella NDA', counterparty: '  ', value: 'lots', governing_law: 'Ontario' });
    const first = await submitRequest(h, USERS.rita, formId, values);
    const text = cardText(first.value);
    expect(text).toContain('Please fix these');
    expect(text).toContain('⚠ Counterparty is required');
    expect(text).toContain('⚠ Value must be an amount');
    const inputs = cardInputs(first.value);
    expect(inputs.title?.value).toBe('Umbrella NDA');
    expect(inputs.value?.value).toBe('lots');
    expect(inputs.governing_law?.value).toBe('Ontario');
    expect(inputs.template?.value).toBe('nda-v1');
    expect(executeActions(first.value)[0]?.data.formId).toBe(formId); // the same form, resubmittable

    // Contract rules (checked by the core): the end date must not be before the start.
    const second = await submitRequest(h, USERS.rita, formId, {
      ...values,
      counterparty: 'Umbrella Corp',
      value: '',
      term_months: '',
      start_date: '2026-12-01',
      end_date: '2026-01-01',
    });
    expect(cardText(second.value)).toContain('⚠ End date must not be before the start date');
    expect(cardInputs(second.value).end_date?.value).toBe('2026-01-01');
    expect(await h.service.ctx.store.contracts.count({})).toBe(countBefore);

    // Corrected, the same form files one contract.
    const third = await submitRequest(h, USERS.rita, formId, { ...values, counterparty: 'Umbrella Corp', value: '' });
    expect(cardText(third.value)).toMatch(/Requested C-\d{4}-\d{4}/);
    expect(await h.service.ctx.store.contracts.count({})).toBe(countBefore + 1);
  });

  it('a double submit files one contract; both answers carry its reference', async () => {
    const countBefore = await h.service.ctx.store.contracts.count({});
    const { formId } = await openRequestForm(h, USERS.rita);
    const values = ndaForm({ title: 'Double-submitted NDA' });
    const [a, b] = await Promise.all([submitRequest(h, USERS.rita, formId, values), submitRequest(h, USERS.rita, formId, values)]);
    expect(await h.service.ctx.store.contracts.count({})).toBe(countBefore + 1);
    const refs = [cardText(a.value), cardText(b.value)].map((t) => /C-\d{4}-\d{4}/.exec(t)?.[0]);
    expect(refs.filter(Boolean).length).toBeGreaterThanOrEqual(1);
    // A later repeat (a retried invoke) shows the same confirmation.
    const again = await submitRequest(h, USERS.rita, formId, values);
    const ref = /Requested (C-\d{4}-\d{4})/.exec(cardText(again.value))?.[1];
    expect(ref).toBeDefined();
    expect(refs.filter(Boolean)).toEqual(expect.arrayContaining([ref]));
    expect(await h.service.ctx.store.contracts.count({})).toBe(countBefore + 1);
  });
});
