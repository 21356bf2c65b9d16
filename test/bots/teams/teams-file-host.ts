import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestActivity } from '../../support/bot-activity.js';
import { cardOf, cardText, type TeamsHarness } from './teams-harness.js';

/**
 * Stands in for the file host behind Teams' pre-authorised `downloadUrl`: `withFile` attaches
 * bytes to a message the way Teams attaches a file shared in a personal chat.
 */
export function useTeamsFileHost(): { withFile(activity: TestActivity, name: string, bytes: Uint8Array): TestActivity } {
  const files = new Map<string, Buffer>();
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = files.get(req.url ?? '');
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return {
    withFile(activity, name, bytes) {
      const path = `/files/${files.size + 1}/${encodeURIComponent(name)}`;
      files.set(path, Buffer.from(bytes));
      return {
        ...activity,
        text: '',
        attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name, content: { downloadUrl: `${base}${path}`, uniqueId: path } }],
      } as TestActivity;
    },
  };
}

/** Posts an activity and returns the text (and card) of the bot's last answer in that turn. */
export async function say(h: TeamsHarness, activity: TestActivity): Promise<{ text: string; card: Record<string, unknown> | undefined }> {
  const before = h.connector.activities().length;
  expect((await h.post(activity)).status).toBe(200);
  const answer = h.connector.activities().slice(before).at(-1);
  if (!answer) throw new Error('the bot did not answer');
  return { text: `${answer.activity.text ?? ''}\n${cardText(cardOf(answer))}`, card: cardOf(answer) };
}
