import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type RunningService } from '../../../src/app/start-service.js';
import { loadEnv } from '../../../src/config/env.js';
import { createLogger } from '../../../src/infra/logger.js';
import { ensureFerretDbBinary, startFerretDb, type FerretDbProcess } from '../../../src/infra/mongo/provision/ferretdb.js';
import { SlackApiEmulator } from '../../emulators/slack-api-emulator.js';
import { logCapture, type LogLine } from '../../support/log-capture.js';
import { nowSeconds, postToSlack, slashCommandBody } from '../../support/slack-signing.js';
import { waitUntil } from '../../support/wait-bound.js';
import { POLICY_FILE, SECRET, USERS } from './slack-harness.js';

/**
 * The Slack request guard's replay check needs the database (one insert claim per request). With
 * the database really down (its own FerretDB, stopped), a signed request gets 503 + Retry-After and
 * nothing is done; once the database is back, Slack's retry (the same request, signed again) runs.
 * With MONGODB_URI set there is no database this file may stop, so it is skipped.
 */
const external = Boolean(process.env.MONGODB_URI);
const embeddedOnly = external ? it.skip : it;

const NOT_HANDLED = 'Slack request not handled: the replay check could not reach the database';

describe('the Slack request guard with the database down', () => {
  const slack = new SlackApiEmulator({ botToken: 'xoxb-test-token' });
  const logs: LogLine[] = [];
  let ferret: FerretDbProcess | undefined;
  let service: RunningService | undefined;

  beforeAll(async () => {
    if (external) return;
    const silent = createLogger('silent');
    const binary = await ensureFerretDbBinary(process.env.CLAUSE_CACHE_DIR ?? join(homedir(), '.cache', 'clause'), silent);
    if (!binary) throw new Error('this test needs FerretDB (Go on the PATH) so it can stop and restart the database; or set MONGODB_URI');
    ferret = await startFerretDb(binary, await mkdtemp(join(tmpdir(), 'clause-slack-guard-')));
    await slack.start();
    for (const u of Object.values(USERS)) slack.addUser(u);
    service = await startService({
      env: loadEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        MONGODB_URI: ferret.uri,
        MONGODB_DB_NAME: 'clause_slack_guard',
        JOBS_ENABLED: 'false',
        POLICY_FILE,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_API_URL: slack.apiUrl,
      }),
      logger: createLogger('info', logCapture(logs)),
      database: { kind: 'uri', uri: ferret.uri, description: 'test database (own FerretDB)', stop: async () => undefined },
    });
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await ferret?.stop();
    if (ferret) await rm(ferret.dataDir, { recursive: true, force: true });
    await slack.stop();
  });

  embeddedOnly(
    'answers 503 with Retry-After and does nothing; the same request signed again runs once the database is back',
    async () => {
      const url = `http://127.0.0.1:${service!.port}`;
      const health = async () => (await fetch(`${url}/healthz`)).status;
      // Slack's retry of a command carries the same body (same trigger id); only the signature changes.
      const body = slashCommandBody({ userId: USERS.rep.id, text: 'help', triggerId: '1234.5678.guard-trigger', responseUrl: slack.responseUrl('guard-help') });

      await ferret!.stop();
      const callsBefore = slack.calls().length;
      const down = await postToSlack(url, body, { secret: SECRET });
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(await down.json()).toEqual({ error: 'service unavailable, retry later' });
      // Answered before Bolt saw the request: no listener ran, so nothing can follow the 503.
      expect(slack.calls().length).toBe(callsBefore);
      expect(slack.responses('guard-help')).toHaveLength(0);
      const warned = logs.filter((l) => l.msg === NOT_HANDLED);
      expect(warned).toHaveLength(1);
      expect(warned[0]).toMatchObject({ level: 40, claim: 'trigger:1234.5678.guard-trigger', err: expect.any(String) });
      expect(JSON.stringify(warned[0])).not.toMatch(/"stack"|\\n\s+at /);
      // Nothing in the logs about this request at error level (a 5xx from a fault would log one).
      expect(logs.filter((l) => l.level >= 50 && JSON.stringify(l).includes('guard-trigger'))).toEqual([]);

      await ferret!.restart();
      await waitUntil(async () => ((await health()) === 200 ? true : undefined), 30_000, 'the service to see the database again');
      const retry = await postToSlack(url, body, { secret: SECRET, timestamp: nowSeconds() + 1 });
      expect(retry.status).toBe(200);
      const reply = await slack.waitForResponse('guard-help', () => true, 10_000);
      expect(String((reply.body as { text?: string }).text)).toContain('/contract new');
      expect(slack.responses('guard-help')).toHaveLength(1);
      expect(logs.filter((l) => l.msg === NOT_HANDLED)).toHaveLength(1);
    },
    90_000,
  );
});
