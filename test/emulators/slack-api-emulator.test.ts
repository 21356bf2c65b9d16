import { WebClient, WebClientEvent, ErrorCode, LogLevel } from '@slack/web-api';
import { SlackApiEmulator } from './slack-api-emulator.js';

const quietLogger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

describe('Slack Web API emulator, driven by @slack/web-api', () => {
  const slack = new SlackApiEmulator({ botToken: 'xoxb-good' });
  let client: WebClient;

  beforeAll(async () => {
    await slack.start();
  });
  afterAll(() => slack.stop());
  beforeEach(() => {
    slack.reset();
    client = new WebClient('xoxb-good', {
      slackApiUrl: slack.apiUrl,
      logger: quietLogger,
      retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
    });
  });

  it('stores message metadata and returns it from conversations.history (newest first) only with include_all_metadata', async () => {
    const metadata = { event_type: 'clause_delivery', event_payload: { delivery_id: 'outbox/item/0' } };
    await client.chat.postMessage({ channel: 'C1', text: 'first', metadata });
    await client.chat.postMessage({ channel: 'C1', text: 'second' });
    const withMeta = await client.conversations.history({ channel: 'C1', include_all_metadata: true, limit: 10 });
    expect(withMeta.messages!.map((m) => [m.text, (m as { metadata?: unknown }).metadata])).toEqual([
      ['second', undefined],
      ['first', metadata],
    ]);
    const without = await client.conversations.history({ channel: 'C1' });
    expect(without.messages!.every((m) => !('metadata' in m))).toBe(true);
    expect(slack.deliveries()).toEqual([expect.objectContaining({ channel: 'C1', deliveryId: 'outbox/item/0' })]);
    await expect(client.conversations.history({ channel: 'C404' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });

  it('fails a method always until cleared, or carries the call out and withholds the answer', async () => {
    const noRetry = new WebClient('xoxb-good', { slackApiUrl: slack.apiUrl, logger: quietLogger, retryConfig: { retries: 0 }, timeout: 200 });
    slack.failAlways('chat.postMessage', { error: 'internal_error' });
    for (let i = 0; i < 3; i++)
      await expect(noRetry.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ data: { error: 'internal_error' } });
    slack.clearFailures();
    slack.failNext('chat.postMessage', { afterProcessing: true, delayMs: 1_000 });
    await expect(noRetry.chat.postMessage({ channel: 'C1', text: 'posted, answer lost' })).rejects.toMatchObject({ code: ErrorCode.RequestError });
    expect(slack.messages('C1').map((m) => m.text)).toEqual(['posted, answer lost']);
  });

  it('answers auth.test with the bot identity', async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, team_id: 'T0CLAUSE', user_id: 'UBOTCLAUSE', bot_id: 'BCLAUSE' });
    expect(slack.calls('auth.test')[0]).toMatchObject({ token: 'xoxb-good' });
  });

  it('posts, decodes JSON-encoded blocks from the form body, updates and links a message', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*C-2026-0001*' } }];
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'hello [not json]', blocks });
    expect(posted).toMatchObject({ ok: true, channel: 'C1', message: { text: 'hello [not json]', blocks } });
    const call = slack.calls('chat.postMessage')[0]!;
    expect(call.args).toMatchObject({ channel: 'C1', text: 'hello [not json]', blocks });

    await client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'edited' });
    expect(slack.messages('C1')).toEqual([expect.objectContaining({ ts: posted.ts, text: 'edited', blocks })]);

    const link = await client.chat.getPermalink({ channel: 'C1', message_ts: posted.ts! });
    expect(link.permalink).toBe(`https://clause-test.slack.com/archives/C1/p${posted.ts!.replace('.', '')}`);

    await expect(client.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: 'message_not_found' },
    });
  });

  it('accepts JSON bodies and a token field as well', async () => {
    const res = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-good' },
      body: JSON.stringify({ channel: 'C2', text: 'json', blocks: [{ type: 'divider' }] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C2' });
    const form = await fetch(`${slack.apiUrl}auth.test`, { method: 'POST', body: new URLSearchParams({ token: 'xoxb-good' }) });
    expect(await form.json()).toMatchObject({ ok: true });
    expect(slack.calls('chat.postMessage')[0]!.args.blocks).toEqual([{ type: 'divider' }]);
  });

  it('opens a DM per user, posts ephemerals and answers users and conversations', async () => {
    slack.addUser({ id: 'U1', realName: 'Rita Rep', email: 'rita@example.com', tz: 'Europe/Berlin', tzOffset: 3600 });
    const dm = await client.conversations.open({ users: 'U1' });
    expect(dm.channel?.id).toBe('DU1');
    expect((await client.conversations.info({ channel: 'DU1' })).channel).toMatchObject({ is_im: true, user: 'U1' });
    await expect(client.conversations.info({ channel: 'CNOPE' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });

    const user = await client.users.info({ user: 'U1' });
    expect(user.user).toMatchObject({ real_name: 'Rita Rep', tz: 'Europe/Berlin', tz_offset: 3600, profile: { email: 'rita@example.com' } });
    expect((await client.users.lookupByEmail({ email: 'RITA@example.com' })).user?.id).toBe('U1');
    await expect(client.users.lookupByEmail({ email: 'nobody@example.com' })).rejects.toMatchObject({
      data: { error: 'users_not_found' },
    });

    const eph = await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'only you' });
    expect(eph.message_ts).toBeDefined();
    expect(slack.ephemerals()).toEqual([expect.objectContaining({ user: 'U1', text: 'only you' })]);
  });

  it('stores views: open needs a trigger_id, update honours hash, publish keeps the home tab', async () => {
    const view = { type: 'modal' as const, callback_id: 'new_contract', title: { type: 'plain_text' as const, text: 'New' }, blocks: [] };
    await expect(client.views.open({ trigger_id: '', view })).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    const opened = await client.views.open({ trigger_id: 'T123', view });
    const id = opened.view!.id!;
    const updated = await client.views.update({ view_id: id, hash: opened.view!.hash!, view: { ...view, private_metadata: 'C-1' } });
    expect(updated.view).toMatchObject({ id, private_metadata: 'C-1' });
    await expect(client.views.update({ view_id: id, hash: opened.view!.hash!, view })).rejects.toMatchObject({
      data: { error: 'hash_conflict' },
    });
    await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [{ type: 'divider' }] } });
    expect(slack.homeView('U1')?.blocks).toEqual([{ type: 'divider' }]);
  });

  it('runs the filesUploadV2 flow end to end and keeps the bytes', async () => {
    const bytes = Buffer.from('PK\u0003\u0004 fake docx bytes');
    const res = await client.filesUploadV2({
      channel_id: 'C1',
      file: bytes,
      filename: 'C-2026-0001.docx',
      title: 'Acme NDA',
      initial_comment: 'Here is the draft',
    });
    expect(res.ok).toBe(true);
    expect(slack.calls().map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    const [file] = slack.files();
    expect(file).toMatchObject({ name: 'C-2026-0001.docx', title: 'Acme NDA', channels: ['C1'], filetype: 'docx' });
    expect(file!.bytes).toEqual(bytes);
    expect(slack.messages('C1')).toEqual([expect.objectContaining({ text: 'Here is the draft', files: [{ id: file!.id, name: 'C-2026-0001.docx' }] })]);
    const info = await client.files.info({ file: file!.id });
    expect(info.file).toMatchObject({ id: file!.id, size: bytes.length });
    expect(info.file).not.toHaveProperty('bytes');
  });

  it('answers upload errors like Slack: a failed upload step, a short upload, an archived or foreign channel; files.delete unshares', async () => {
    const png = Buffer.from('\x89PNG fake chart bytes');
    // The POST of the bytes fails (every retry too): the WebClient raises an HTTP error and nothing is shared.
    slack.failNext('upload', { status: 503, times: 3 });
    await expect(client.filesUploadV2({ channel_id: 'C1', file: png, filename: 'chart.png' })).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
      statusCode: 503,
    });
    expect(slack.files()).toEqual([]);
    expect(slack.messages('C1')).toEqual([]);
    // Fewer bytes than announced.
    const url = await client.files.getUploadURLExternal({ filename: 'chart.png', length: png.length + 5 });
    await fetch(url.upload_url!, { method: 'POST', body: png });
    await expect(client.files.completeUploadExternal({ files: [{ id: url.file_id! }], channel_id: 'C1' })).rejects.toMatchObject({
      data: { error: 'file_upload_size_mismatch' },
    });
    // Channels the bot cannot share into.
    slack.addChannel({ id: 'CARCHIVED', name: 'old', is_archived: true });
    slack.addChannel({ id: 'COUTSIDE', name: 'outside', is_member: false });
    await expect(client.filesUploadV2({ channel_id: 'CARCHIVED', file: png, filename: 'chart.png' })).rejects.toMatchObject({ data: { error: 'is_archived' } });
    await expect(client.filesUploadV2({ channel_id: 'COUTSIDE', file: png, filename: 'chart.png' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    expect(slack.files()).toEqual([]);
    // Shared, then deleted: the file and its message go.
    const done = (await client.filesUploadV2({ channel_id: 'C1', file: png, filename: 'chart.png', alt_text: 'a chart' })) as unknown as {
      files: Array<{ files: Array<{ id: string }> }>;
    };
    const id = done.files[0]!.files[0]!.id;
    expect(slack.files()).toEqual([expect.objectContaining({ id, mimetype: 'image/png', channels: ['C1'] })]);
    expect(slack.calls('files.getUploadURLExternal').at(-1)!.args.alt_text).toBe('a chart');
    await client.files.delete({ file: id });
    expect(slack.files()).toEqual([]);
    expect(slack.messages('C1')).toEqual([]);
    await expect(client.files.delete({ file: id })).rejects.toMatchObject({ data: { error: 'file_not_found' } });
  });

  it('serves a shared file only with the bot token', async () => {
    const file = slack.addFile({ name: 'msa.txt', bytes: 'Master Services Agreement' });
    const ok = await fetch(file.url_private_download, { headers: { authorization: 'Bearer xoxb-good' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('Master Services Agreement');
    expect((await fetch(file.url_private_download)).status).toBe(403);
  });

  it('rejects a bad or missing token', async () => {
    const bad = new WebClient('xoxb-bad', { slackApiUrl: slack.apiUrl, logger: quietLogger });
    await expect(bad.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    const none = new WebClient(undefined, { slackApiUrl: slack.apiUrl, logger: quietLogger });
    await expect(none.auth.test()).rejects.toMatchObject({ data: { error: 'not_authed' } });
  });

  it('answers unknown methods with unknown_method', async () => {
    await expect(client.apiCall('contracts.sign')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
  });

  it('rate limits with 429 + Retry-After, and the WebClient retries', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    const rateLimited: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (sec: number) => rateLimited.push(sec));
    const res = await client.chat.postMessage({ channel: 'C1', text: 'after a pause' });
    expect(res.ok).toBe(true);
    expect(rateLimited).toEqual([0]);
    expect(slack.calls('chat.postMessage').map((c) => [c.status, c.result.error])).toEqual([
      [429, 'ratelimited'],
      [200, undefined],
    ]);
  });

  it('fails with HTTP 500 or a platform error on demand', async () => {
    slack.failNext('chat.postMessage', { status: 500, times: 3 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('waits for a call and records response_url posts', async () => {
    const waiting = slack.waitFor('chat.postMessage', (c) => c.args.text === 'later');
    setTimeout(() => void client.chat.postMessage({ channel: 'C1', text: 'later' }), 20);
    expect((await waiting).args.channel).toBe('C1');

    await fetch(slack.responseUrl('cmd-1'), { method: 'POST', body: JSON.stringify({ text: 'ephemeral reply' }) });
    expect(slack.responses('cmd-1')).toEqual([expect.objectContaining({ body: { text: 'ephemeral reply' } })]);
  });
});
