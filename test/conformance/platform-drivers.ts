import { fileURLToPath } from 'node:url';
import type { UserRef } from '../../src/core/domain/user-ref.js';
import { FORM_IDS } from '../../src/core/interactions/forms.js';
import { callbackIdOf } from '../../src/bots/slack/render/modal-view.js';
import { cardAction, personalConversationId, personalMessage, botInstalled } from '../support/bot-activity.js';
import { blockActionsBody, postToSlack, slashCommandBody, viewSubmissionBody } from '../support/slack-signing.js';
import { cardOf, cardText, executeActions, invokeBody, SLACK_SECRET, USERS as TEAMS_USERS, waitUntil, type TeamsHarness } from '../bots/teams/teams-harness.js';

export const CONFORMANCE_POLICY = fileURLToPath(new URL('./fixtures/conformance-policy.yaml', import.meta.url));

/** The roles of a journey; each driver maps them to its platform's people. */
type Role = 'requester' | 'approver' | 'outsider';

/** What a click showed: a form to fill (its id), or a message (its text). */
type ClickOutcome = { form: string; text: string } | { form?: undefined; text: string };

/** What a form submit showed: the ids of the fields refused (none when accepted). */
interface SubmitOutcome {
  errors: string[];
  text: string;
}

/**
 * One platform, driven through its real HTTP entry point (Slack: signed requests into
 * /slack/events, answers read from the Slack API emulator; Teams: authenticated activities into
 * /api/messages, answers from the invoke response and the Bot Connector emulator). A journey is
 * written once against this interface and run on every driver.
 */
export interface PlatformDriver {
  readonly name: 'slack' | 'teams';
  /** `contract <text>`: the text of the answer. */
  command(role: Role, text: string): Promise<string>;
  /** `contract new`: the id of the form that opened. */
  openRequestForm(role: Role): Promise<{ formId: string; context: Record<string, string> }>;
  click(role: Role, actionId: string, value: Record<string, string>): Promise<ClickOutcome>;
  submit(role: Role, formId: string, context: Record<string, string>, inputs: Record<string, string>): Promise<SubmitOutcome>;
  /** The person's user ref id on this platform (for database checks). */
  userId(role: Role): string;
  /** The person as the core stores them (to set up contracts they own). */
  userRef(role: Role): UserRef;
}

const SLACK_PEOPLE: Record<Role, { id: string; name: string; realName: string; email: string }> = {
  requester: { id: 'U0RITA', name: 'rita', realName: 'Rita Slack', email: 'rita.slack@example.com' },
  approver: { id: 'U0MARIA', name: 'maria', realName: 'Maria Manager', email: 'maria@example.com' },
  outsider: { id: 'U0OTTO', name: 'otto', realName: 'Otto Slack', email: 'otto.slack@example.com' },
};
const TEAMS_PEOPLE = { requester: TEAMS_USERS.rita, approver: TEAMS_USERS.maria, outsider: TEAMS_USERS.otto } as const;

let seq = 0;
const next = (p: string) => `${p}-${++seq}`;

export function slackDriver(h: TeamsHarness): PlatformDriver & { setUp(): void } {
  const text = (body: unknown) => String((body as { text?: string }).text ?? '');
  const formIdOf = (callbackId: string) => Object.values(FORM_IDS).find((f) => callbackIdOf(f) === callbackId) ?? callbackId;
  const opened = () => h.slack.calls('views.open');
  const viewOf = (call: { args: Record<string, unknown> }) => call.args.view as { callback_id: string; private_metadata: string };
  return {
    name: 'slack',
    setUp() {
      for (const p of Object.values(SLACK_PEOPLE)) h.slack.addUser(p);
    },
    userId: (role) => SLACK_PEOPLE[role].id,
    userRef: (role) => ({ platform: 'slack', id: SLACK_PEOPLE[role].id, displayName: SLACK_PEOPLE[role].realName }),
    async command(role, commandText) {
      const id = next('conf-cmd');
      const dm = `D${SLACK_PEOPLE[role].id}`;
      const dmBefore = h.slack.messages(dm).length;
      const res = await postToSlack(h.url, slashCommandBody({ userId: SLACK_PEOPLE[role].id, text: commandText, responseUrl: h.slack.responseUrl(id) }), {
        secret: SLACK_SECRET,
      });
      expect(res.status).toBe(200);
      // Ephemeral through the response_url; what needs the DM (how to import a file) goes there.
      return waitUntil(
        () => (h.slack.responses(id)[0] ? text(h.slack.responses(id)[0]!.body) : h.slack.messages(dm)[dmBefore]?.text),
        10_000,
        `the answer to ${commandText}`,
      );
    },
    async openRequestForm(role) {
      const before = opened().length;
      const res = await postToSlack(h.url, slashCommandBody({ userId: SLACK_PEOPLE[role].id, text: 'new', triggerId: next('trigger') }), {
        secret: SLACK_SECRET,
      });
      expect(res.status).toBe(200);
      const call = await waitUntil(() => opened()[before], 10_000, 'views.open');
      const view = viewOf(call);
      return { formId: formIdOf(view.callback_id), context: (JSON.parse(view.private_metadata) as { context: Record<string, string> }).context };
    },
    async click(role, actionId, value) {
      const id = next('conf-click');
      const before = opened().length;
      const res = await postToSlack(
        h.url,
        blockActionsBody({
          userId: SLACK_PEOPLE[role].id,
          actionId,
          value: JSON.stringify(value),
          messageTs: '1700000000.000100',
          channelId: `D${SLACK_PEOPLE[role].id}`,
          responseUrl: h.slack.responseUrl(id),
          triggerId: next('trigger'),
        }),
        { secret: SLACK_SECRET },
      );
      expect(res.status).toBe(200);
      // A click either opens a modal or answers through the response_url.
      const outcome = await waitUntil(
        () =>
          opened().length > before
            ? { form: viewOf(opened()[before]!).callback_id }
            : h.slack.responses(id)[0]
              ? { post: h.slack.responses(id)[0]! }
              : undefined,
        10_000,
        `the answer to ${actionId}`,
      );
      if (outcome.form !== undefined) return { form: formIdOf(outcome.form), text: '' };
      return { text: text(outcome.post?.body) };
    },
    async submit(role, formId, context, inputs) {
      const values = Object.fromEntries(
        Object.entries(inputs).map(([k, v]) => [
          k,
          {
            [k]:
              k === 'auto_renews'
                ? { type: 'checkboxes', selected_options: v === 'true' ? [{ value: 'yes' }] : [] }
                : { type: 'plain_text_input', value: v === '' ? null : v },
          },
        ]),
      );
      const res = await postToSlack(
        h.url,
        viewSubmissionBody({ userId: SLACK_PEOPLE[role].id, callbackId: callbackIdOf(formId), privateMetadata: JSON.stringify({ context }), values }),
        { secret: SLACK_SECRET },
      );
      expect(res.status).toBe(200);
      const raw = await res.text();
      const body = raw ? (JSON.parse(raw) as { response_action?: string; errors?: Record<string, string> }) : {};
      return { errors: body.response_action === 'errors' ? Object.keys(body.errors ?? {}).sort() : [], text: JSON.stringify(body.errors ?? {}) };
    },
  };
}

/** The ids of the inputs a form card shows an error under (the `⚠` line after the input). */
function fieldErrors(card: unknown): string[] {
  const body = ((card as { body?: unknown[] }).body ?? []) as Array<Record<string, unknown>>;
  const ids: string[] = [];
  body.forEach((el, i) => {
    const after = body[i + 1];
    if (typeof el.id === 'string' && String(el.type).startsWith('Input.') && after?.type === 'TextBlock' && String(after.text).startsWith('⚠ '))
      ids.push(el.id);
  });
  return ids.sort();
}

/** The form id when a card is a form (inputs, and one submit whose verb is a form id), else undefined. */
function formOf(card: unknown): string | undefined {
  const c = card as { body?: Array<Record<string, unknown>>; actions?: Array<Record<string, unknown>> };
  const [only, ...more] = c.actions ?? [];
  const hasInputs = (c.body ?? []).some((el) => String(el.type).startsWith('Input.'));
  if (!only || more.length > 0 || only.type !== 'Action.Execute' || !hasInputs) return undefined;
  return (Object.values(FORM_IDS) as string[]).includes(String(only.verb)) ? String(only.verb) : undefined;
}

export function teamsDriver(h: TeamsHarness): PlatformDriver & { setUp(): Promise<void> } {
  const ctx = (role: Role) => h.as(TEAMS_PEOPLE[role]);
  return {
    name: 'teams',
    async setUp() {
      for (const role of ['requester', 'approver', 'outsider'] as const) await h.post(botInstalled(ctx(role)));
    },
    userId: (role) => TEAMS_PEOPLE[role].aadObjectId,
    userRef: (role) => ({ platform: 'teams', id: TEAMS_PEOPLE[role].aadObjectId, tenantId: 'tenant-clause', displayName: TEAMS_PEOPLE[role].name }),
    async command(role, commandText) {
      const before = h.connector.activities().length;
      const res = await h.post(personalMessage(ctx(role), `contract ${commandText}`));
      expect(res.status).toBe(200);
      const answer = await waitUntil(
        () =>
          h.connector
            .activities()
            .slice(before)
            .find((r) => r.conversationId === personalConversationId(TEAMS_PEOPLE[role])),
        10_000,
        'the answer',
      );
      // The message text first (a card's summary), then what the card shows.
      return `${(answer.activity as { summary?: string }).summary ?? answer.activity.text ?? ''}\n${cardText(cardOf(answer))}`;
    },
    async openRequestForm(role) {
      const before = h.connector.activities().length;
      await h.post(personalMessage(ctx(role), 'contract new'));
      const record = await waitUntil(
        () =>
          h.connector
            .activities()
            .slice(before)
            .find((r) => executeActions(cardOf(r)).length > 0),
        10_000,
        'the form',
      );
      const submit = executeActions(cardOf(record))[0]!;
      return { formId: submit.verb, context: submit.data as Record<string, string> };
    },
    async click(role, actionId, value) {
      const body = await invokeBody(await h.post(cardAction(ctx(role), { verb: actionId, data: value })));
      if (typeof body.value === 'string') return { text: body.value };
      return { ...(formOf(body.value) ? { form: formOf(body.value)! } : {}), text: cardText(body.value) };
    },
    async submit(role, formId, context, inputs) {
      const body = await invokeBody(await h.post(cardAction(ctx(role), { verb: formId, data: { ...context, ...inputs } })));
      if (typeof body.value === 'string') return { errors: [], text: body.value };
      return { errors: fieldErrors(body.value), text: cardText(body.value) };
    },
  };
}
