import { fileURLToPath } from 'node:url';
import { startService, type RunningService } from '../../../src/app/start-service.js';
import { loadEnv } from '../../../src/config/env.js';
import type { Clock } from '../../../src/core/ports/clock.js';
import { createLogger } from '../../../src/infra/logger.js';
import { connectDatabase } from '../../../src/infra/mongo/connect-database.js';
import { BotConnectorEmulator, type ActivityRecord } from '../../emulators/bot-connector-emulator.js';
import { BotFrameworkAuthEmulator } from '../../emulators/bot-framework-auth-emulator.js';
import { SlackApiEmulator } from '../../emulators/slack-api-emulator.js';
import {
  cardAction,
  DEFAULT_TENANT,
  DEFAULT_USER,
  personalMessage,
  postActivity,
  type TeamsChannelRef,
  type TeamsTestContext,
  type TeamsUser,
  type TestActivity,
} from '../../support/bot-activity.js';
import { testMongoUri, uniqueDbName } from '../../support/database.js';
import { logCapture, type LogLine } from '../../support/log-capture.js';
import { waitUntil } from '../../support/wait-bound.js';

export const POLICY_FILE = fileURLToPath(new URL('./fixtures/teams-policy.yaml', import.meta.url));
export const SLACK_SECRET = 'slack-test-signing-secret';
export const APPROVALS_CHANNEL: TeamsChannelRef = { teamId: '19:team-deals@thread.tacv2', channelId: '19:approvals@thread.tacv2', channelName: 'Approvals' };

export const USERS = {
  rita: { ...DEFAULT_USER, email: 'rita@example.com' },
  maria: { id: '29:user-maria', aadObjectId: 'aad-maria', name: 'Maria Manager', email: 'maria@example.com' },
  /** Sam is on Slack in the policy (slack id + e-mail); here he also uses Teams, with the same e-mail. */
  sam: { id: '29:user-sam', aadObjectId: 'aad-sam', name: 'Sam Slack', email: 'sam@example.com' },
  otto: { id: '29:user-otto', aadObjectId: 'aad-otto', name: 'Otto Outsider', email: 'otto@example.com' },
} satisfies Record<string, TeamsUser & { email: string }>;

/** The bot's Microsoft app registration in the tests (Teams runs authenticated). */
export const TEST_APP = { appId: '5b1c7c2e-0d7a-4f53-9a61-2c4f0e8d7b10', appPassword: 'test-app-password' };

export interface TeamsHarness {
  readonly connector: BotConnectorEmulator;
  /** Microsoft's OpenID metadata, keys and token endpoint, local. */
  readonly auth: BotFrameworkAuthEmulator;
  readonly slack: SlackApiEmulator;
  readonly service: RunningService;
  readonly url: string;
  readonly logs: LogLine[];
  as(user: TeamsUser): TeamsTestContext;
  /** Posts an activity with a valid Bot Framework token for its serviceUrl, unless `authHeader` is given. */
  post(activity: TestActivity, options?: { authHeader?: string }): Promise<Response>;
}

/**
 * The real service (startService, both chat surfaces) with Teams on and AUTHENTICATED
 * (MICROSOFT_APP_ID set): every activity carries a token signed by the local auth emulator's key,
 * checked against its OpenID metadata; the bot's replies carry a token from its token endpoint,
 * which the Bot Connector emulator checks. Slack runs against the Slack API emulator; the file has
 * its own database (dropped after).
 */
export function useTeamsService(label: string, extraEnv: Record<string, string> = {}, options: { clock?: Clock } = {}): TeamsHarness {
  const auth = new BotFrameworkAuthEmulator(TEST_APP);
  const connector = new BotConnectorEmulator({ verifyAuth: (authorization) => auth.isIssuedToken(authorization) });
  const slack = new SlackApiEmulator({ botToken: 'xoxb-test-token' });
  const state: { service?: RunningService; logs: LogLine[]; dbName: string } = { logs: [], dbName: uniqueDbName(label) };
  const sink = logCapture(state.logs);
  beforeAll(async () => {
    await auth.start();
    await connector.start();
    await slack.start();
    for (const u of Object.values(USERS))
      connector.addMember({ id: u.id, name: u.name, aadObjectId: u.aadObjectId, email: u.email, userPrincipalName: u.email, tenantId: DEFAULT_TENANT });
    slack.addUser({ id: 'U0SAM', name: 'sam', realName: 'Sam Slack', email: 'sam@example.com' });
    const uri = testMongoUri();
    state.service = await startService({
      env: loadEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        MONGODB_URI: uri,
        MONGODB_DB_NAME: state.dbName,
        JOBS_ENABLED: 'false',
        COMPANY_NAME: 'Clause Test Inc',
        POLICY_FILE,
        ...auth.env(),
        TEAMS_APPROVALS_CHANNEL: APPROVALS_CHANNEL.channelId,
        SLACK_SIGNING_SECRET: SLACK_SECRET,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_API_URL: slack.apiUrl,
        ...extraEnv,
      }),
      logger: createLogger('debug', sink),
      ...(options.clock ? { clock: options.clock } : {}),
      database: { kind: 'uri', uri, description: 'test database', stop: async () => undefined },
    });
  });
  afterAll(async () => {
    await state.service?.stop();
    const conn = await connectDatabase(testMongoUri(), state.dbName);
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
    await slack.stop();
    await connector.stop();
    await auth.stop();
  });
  const h: TeamsHarness = {
    connector,
    auth,
    slack,
    get service() {
      return state.service!;
    },
    get url() {
      return `http://127.0.0.1:${state.service!.port}`;
    },
    logs: state.logs,
    as: (user) => ({ serviceUrl: connector.url, user }),
    post: (activity, options) => postActivity(h.url, activity, { authHeader: options?.authHeader ?? `Bearer ${auth.channelToken(activity.serviceUrl)}` }),
  };
  return h;
}

/** The Adaptive Card of a recorded activity (first attachment), if any. */
export function cardOf(record: Pick<ActivityRecord, 'activity'> | undefined): Record<string, unknown> | undefined {
  return record?.activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as Record<string, unknown> | undefined;
}

/** All Action.Execute actions in a card, including those inside Action.ShowCard. */
export function executeActions(card: unknown): Array<{ verb: string; data: Record<string, unknown>; associatedInputs?: string }> {
  const found: Array<{ verb: string; data: Record<string, unknown>; associatedInputs?: string }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'Action.Execute') found.push(n as never);
    for (const v of Object.values(n)) walk(v);
  };
  walk(card);
  return found;
}

/** Every input element in a card, by id. */
export function cardInputs(card: unknown): Record<string, Record<string, unknown>> {
  const inputs: Record<string, Record<string, unknown>> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') inputs[n.id] = n;
    for (const v of Object.values(n)) walk(v);
  };
  walk(card);
  return inputs;
}

/** The visible text of a card (TextBlocks and facts), for matching. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'TextBlock' && typeof n.text === 'string') parts.push(n.text);
    if (n.type === 'FactSet' && Array.isArray(n.facts))
      for (const f of n.facts as Array<{ title: string; value: string }>) parts.push(`${f.title}: ${f.value}`);
    for (const [k, v] of Object.entries(n)) if (k !== 'refresh') walk(v);
  };
  walk(card);
  return parts.join('\n');
}

/** The body of an `adaptiveCard/action` invoke response. */
export interface InvokeBody {
  statusCode: number;
  type: string;
  value: unknown;
}

export async function invokeBody(res: Response): Promise<InvokeBody> {
  expect(res.status).toBe(200);
  return (await res.json()) as InvokeBody;
}

export { waitUntil };

/** Valid request-form values for an NDA (the template needs a term, notice period and law). */
export function ndaForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Globex NDA',
    template: 'nda-v1',
    counterparty: 'Globex',
    value: '',
    currency: 'USD',
    start_date: '2026-12-01',
    term_months: '12',
    notice_period_days: '30',
    governing_law: 'England and Wales',
    auto_renews: 'false',
    ...overrides,
  };
}

/** Opens the request form with "contract new" and returns its form id and message id. */
export async function openRequestForm(h: TeamsHarness, user: TeamsUser): Promise<{ formId: string; activityId: string; card: Record<string, unknown> }> {
  const before = h.connector.activities().length;
  await h.post(personalMessage(h.as(user), 'contract new'));
  const record = h.connector
    .activities()
    .slice(before)
    .find((r) => executeActions(cardOf(r)).some((a) => a.verb === 'contract.request'));
  if (!record) throw new Error('no request form was sent');
  const card = cardOf(record)!;
  return { formId: String(executeActions(card)[0]!.data.formId), activityId: record.activityId, card };
}

/** Submits a request form and returns the invoke response body. */
export async function submitRequest(h: TeamsHarness, user: TeamsUser, formId: string, values: Record<string, string>): Promise<InvokeBody> {
  return invokeBody(await h.post(cardAction(h.as(user), { verb: 'contract.request', data: { formId, ...values } })));
}

/** Requests a contract (an NDA unless overridden) from Teams and returns its reference (the form was valid). */
export async function requestInTeams(h: TeamsHarness, user: TeamsUser, overrides: Record<string, string> = {}): Promise<string> {
  const { formId } = await openRequestForm(h, user);
  const body = await submitRequest(h, user, formId, ndaForm(overrides));
  const text = cardText(body.value);
  const ref = /Requested (C-\d{4}-\d{4})/.exec(text)?.[1];
  if (!ref) throw new Error(`the request was not filed: ${text}`);
  return ref;
}

/** The newest approval card (with Action.Execute approve) whose text mentions `ref`, in any conversation. */
export async function approvalCardFor(h: TeamsHarness, ref: string, conversationId?: string): Promise<ActivityRecord & { data: Record<string, unknown> }> {
  const record = await h.connector.waitFor(
    (r) =>
      (conversationId === undefined || r.conversationId === conversationId) &&
      cardText(cardOf(r)).includes(ref) &&
      executeActions(cardOf(r)).some((a) => a.verb === 'approval.approve'),
    5_000,
  );
  return { ...record, data: executeActions(cardOf(record)).find((a) => a.verb === 'approval.approve')!.data };
}
