import { fileURLToPath } from 'node:url';
import { startService, type RunningService } from '../../../src/app/start-service.js';
import { loadEnv } from '../../../src/config/env.js';
import type { Clock } from '../../../src/core/ports/clock.js';
import { createLogger } from '../../../src/infra/logger.js';
import { connectDatabase } from '../../../src/infra/mongo/connect-database.js';
import { SlackApiEmulator } from '../../emulators/slack-api-emulator.js';
import { testMongoUri, uniqueDbName } from '../../support/database.js';
import { logCapture, type LogLine } from '../../support/log-capture.js';
import { waitUntil } from '../../support/wait-bound.js';
import {
  blockActionsBody,
  eventCallbackBody,
  postToSlack,
  slashCommandBody,
  viewSubmissionBody,
  type BlockActionInput,
  type ViewSubmissionInput,
} from '../../support/slack-signing.js';

export const SECRET = 'slack-test-signing-secret';
export const APPROVALS_CHANNEL = 'C0APPROVALS';
export const POLICY_FILE = fileURLToPath(new URL('./fixtures/two-stage-policy.yaml', import.meta.url));

export const USERS = {
  rep: { id: 'U0REP', name: 'rita', realName: 'Rita Rep', email: 'rita@example.com' },
  legal: { id: 'U0LEGAL', name: 'lena', realName: 'Lena Legal', email: 'lena@example.com' },
  fiona: { id: 'U0FIONA', name: 'fiona', realName: 'Fiona Finance', email: 'fiona@example.com' },
  frank: { id: 'U0FRANK', name: 'frank', realName: 'Frank Finance', email: 'frank@example.com' },
  outsider: { id: 'U0OUTSIDER', name: 'otto', realName: 'Otto Outsider', email: 'otto@example.com' },
} as const;

export interface SlackHarness {
  readonly slack: SlackApiEmulator;
  readonly service: RunningService;
  readonly url: string;
  readonly logs: LogLine[];
}

/**
 * The real service (startService) with Slack on, talking to the Slack API emulator, on its own
 * database; torn down (database dropped) after the file's tests. Logs are kept for assertions.
 */
export function useSlackService(
  label: string,
  extraEnv: Record<string, string> = {},
  options: { clock?: Clock; monitorCommands?: boolean } = {},
): SlackHarness {
  const slack = new SlackApiEmulator({ botToken: 'xoxb-test-token' });
  const state: { service?: RunningService; logs: LogLine[]; dbName: string } = { logs: [], dbName: uniqueDbName(label) };
  const sink = logCapture(state.logs);
  beforeAll(async () => {
    await slack.start();
    for (const u of Object.values(USERS)) slack.addUser(u);
    slack.addChannel({ id: APPROVALS_CHANNEL, name: 'contract-approvals' });
    // monitorCommands: the service's own connection reports each command (round-trip counts).
    const uri = options.monitorCommands ? `${testMongoUri()}${testMongoUri().includes('?') ? '&' : '?'}monitorCommands=true` : testMongoUri();
    state.service = await startService({
      env: loadEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        MONGODB_URI: uri,
        MONGODB_DB_NAME: state.dbName,
        JOBS_ENABLED: 'false',
        COMPANY_NAME: 'Clause Test Inc',
        POLICY_FILE,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_API_URL: slack.apiUrl,
        SLACK_APPROVALS_CHANNEL: APPROVALS_CHANNEL,
        ...extraEnv,
      }),
      logger: createLogger('info', sink),
      ...(options.clock ? { clock: options.clock } : {}),
      database: { kind: 'uri', uri, description: 'test database', stop: async () => undefined },
    });
  });
  afterAll(async () => {
    if (process.env.CLAUSE_DEBUG_SLACK_LOGS) console.log(state.logs.map((l) => JSON.stringify(l)).join('\n'));
    await state.service?.stop();
    const conn = await connectDatabase(testMongoUri(), state.dbName);
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
    await slack.stop();
  });
  return {
    slack,
    get service() {
      return state.service!;
    },
    get url() {
      return `http://127.0.0.1:${state.service!.port}`;
    },
    logs: state.logs,
  };
}

let seq = 0;
/** A response_url on the emulator, unique per call so each reply can be awaited by id. */
export function responseId(prefix: string): string {
  seq += 1;
  return `${prefix}-${seq}`;
}

export async function command(h: SlackHarness, userId: string, text: string, replyId = responseId('cmd')) {
  const started = Date.now();
  const res = await postToSlack(h.url, slashCommandBody({ userId, text, responseUrl: h.slack.responseUrl(replyId) }), { secret: SECRET });
  return { res, ms: Date.now() - started, replyId };
}

export async function click(h: SlackHarness, input: BlockActionInput & { replyId?: string }) {
  const replyId = input.replyId ?? responseId('click');
  const started = Date.now();
  const res = await postToSlack(h.url, blockActionsBody({ ...input, responseUrl: h.slack.responseUrl(replyId) }), { secret: SECRET });
  return { res, ms: Date.now() - started, replyId };
}

export async function submitView(h: SlackHarness, input: ViewSubmissionInput) {
  const started = Date.now();
  const res = await postToSlack(h.url, viewSubmissionBody(input), { secret: SECRET });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined, ms: Date.now() - started };
}

export function event(h: SlackHarness, ev: Record<string, unknown>) {
  return postToSlack(h.url, eventCallbackBody(ev), { secret: SECRET });
}

/** Text of an ephemeral reply posted to a response_url. */
export async function replyText(h: SlackHarness, replyId: string, timeoutMs = 5_000): Promise<string> {
  const post = await h.slack.waitForResponse(replyId, () => true, timeoutMs);
  return String((post.body as { text?: string }).text ?? '');
}

export { waitUntil };

/** Modal state values for the request form: block id -> { block id: element state }. */
export function requestValues(fields: {
  template?: string;
  counterparty?: string;
  title?: string;
  value?: string;
  currency?: string;
  startDate?: string;
  termMonths?: string;
  endDate?: string;
  autoRenews?: boolean;
  renewalTermMonths?: string;
  noticePeriodDays?: string;
  governingLaw?: string;
  owner?: string;
  notes?: string;
}): Record<string, Record<string, unknown>> {
  const text = (v: string | undefined) => ({ type: 'plain_text_input', value: v ?? null });
  const num = (v: string | undefined) => ({ type: 'number_input', value: v ?? null });
  const select = (v: string | undefined) => ({ type: 'static_select', selected_option: v ? { text: { type: 'plain_text', text: v }, value: v } : null });
  const date = (v: string | undefined) => ({ type: 'datepicker', selected_date: v ?? null });
  const entries: Record<string, unknown> = {
    template: select(fields.template),
    counterparty: text(fields.counterparty),
    title: text(fields.title),
    value: text(fields.value),
    currency: select(fields.currency ?? 'USD'),
    start_date: date(fields.startDate),
    term_months: num(fields.termMonths),
    end_date: date(fields.endDate),
    auto_renews: { type: 'checkboxes', selected_options: fields.autoRenews ? [{ value: 'yes' }] : [] },
    renewal_term_months: num(fields.renewalTermMonths),
    notice_period_days: num(fields.noticePeriodDays),
    governing_law: text(fields.governingLaw),
    owner: { type: 'users_select', selected_user: fields.owner ?? null },
    notes: text(fields.notes),
  };
  return Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, { [k]: v }]));
}

interface Block {
  type: string;
  elements?: Array<{ type: string; action_id?: string; value?: string }>;
}

/** The value of a button with this action id in a posted message's blocks, if any. */
export function buttonValue(message: { blocks?: unknown }, actionId: string): string | undefined {
  const blocks = (Array.isArray(message.blocks) ? message.blocks : []) as Block[];
  for (const b of blocks) for (const e of b.elements ?? []) if (e.action_id === actionId) return e.value;
  return undefined;
}

/** The newest message in a channel that carries a button with this action id. */
export function messageWithButton(h: SlackHarness, channel: string, actionId: string, predicate: (text: string) => boolean = () => true) {
  const found = h.slack
    .messages(channel)
    .filter((m) => buttonValue(m, actionId) !== undefined && predicate(m.text))
    .at(-1);
  return found ? { ts: found.ts, value: buttonValue(found, actionId)!, text: found.text } : undefined;
}

/** Requests a contract through the modal as `userId` and returns its reference and stage-1 channel card. */
export async function requestThroughModal(h: SlackHarness, userId: string, counterparty: string, extra: Parameters<typeof requestValues>[0] = {}) {
  const submitted = await submitView(h, {
    userId,
    callbackId: 'contract_request',
    values: requestValues({
      template: 'nda-v1',
      counterparty,
      value: '10,000',
      startDate: '2026-04-01',
      termMonths: '12',
      noticePeriodDays: '30',
      governingLaw: 'the laws of England and Wales',
      owner: userId,
      ...extra,
    }),
  });
  expect(submitted.status).toBe(200);
  const card = await waitUntil(
    () => messageWithButton(h, APPROVALS_CHANNEL, 'approval.approve', (t) => t.includes(counterparty)),
    10_000,
    `card for ${counterparty}`,
  );
  const ref = /C-\d{4}-\d{4}/.exec(card.text)![0];
  const { roundId } = JSON.parse(card.value) as { roundId: string; stage: string };
  return { ref, card, roundId };
}
