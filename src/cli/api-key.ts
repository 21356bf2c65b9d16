/**
 * `npm run api-key -- create --name crm --scopes contracts:read,contracts:write`: API keys for the
 * REST API (/api/v1). `create` prints the key once (only its hash is stored), `list` shows the
 * keys without secrets, `revoke --name NAME | --id ID` stops a key at once.
 */
import { loadEnv } from '../config/env.js';
import { systemClock } from '../core/ports/clock.js';
import { openDatabase } from '../app/open-database.js';
import { createLogger } from '../infra/logger.js';
import { API_SCOPES, MongoApiKeys, type ApiScope } from '../infra/mongo/mongo-api-keys.js';
import { CliError, runCli, UsageError, type CliSpec } from './cli-kit.js';

const apiKeyCli: CliSpec = {
  name: 'api-key',
  file: 'api-key',
  usage: 'create --name NAME --scopes S1,S2 | list | revoke (--name NAME | --id ID)',
  summary: 'Creates, lists and revokes the API keys of the REST API (/api/v1).',
  positionals: { min: 1, max: 1 },
  options: {
    name: { type: 'string', value: 'NAME', description: "the key's name (the actor in the audit trail), e.g. crm" },
    scopes: { type: 'string', value: 'S1,S2', description: `comma-separated: ${API_SCOPES.join(', ')}` },
    id: { type: 'string', value: 'ID', description: 'the key id (revoke), as `list` shows it' },
  },
  details: `Scopes: contracts:read (GET /contracts, /contracts/{ref}, /contracts/{ref}/audit), contracts:write (POST /contract-requests),
documents:write (POST /contracts/{ref}/documents), renewals:read (GET /renewals),
webhooks:read (GET /webhooks, /webhooks/{id}, /webhooks/{id}/deliveries), webhooks:write (POST /webhooks, enable, disable, DELETE).
The key is printed once by create; store it in the integration's secret store.`,
};

runCli(apiKeyCli, async ({ values, positionals }) => {
  const command = positionals[0];
  if (!['create', 'list', 'revoke'].includes(command!)) throw new UsageError(`unknown command ${command}; use create, list or revoke`);
  const name = values.name as string | undefined;
  const id = values.id as string | undefined;
  let scopes: ApiScope[] = [];
  if (command === 'create') {
    if (!name || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name)) throw new UsageError('create needs --name NAME (letters, digits, _ . -; up to 64)');
    const given = String(values.scopes ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (given.length === 0) throw new UsageError(`create needs --scopes (comma-separated: ${API_SCOPES.join(', ')})`);
    const unknown = given.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
    if (unknown.length > 0) throw new UsageError(`unknown scope ${unknown.join(', ')}; the scopes are ${API_SCOPES.join(', ')}`);
    scopes = [...new Set(given)] as ApiScope[];
  }
  if (command === 'revoke' && Boolean(name) === Boolean(id)) throw new UsageError('revoke needs exactly one of --name NAME or --id ID');

  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const db = await openDatabase(env, logger, systemClock);
  try {
    const keys = new MongoApiKeys(db.connection);
    await keys.init();
    if (command === 'create') {
      let created;
      try {
        created = await keys.create(name!, scopes, systemClock.now());
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      process.stdout.write(
        `created API key "${created.key.name}" (id ${created.key.id}, scopes ${scopes.join(',')}). It is shown only now:\n${created.secret}\n`,
      );
    } else if (command === 'list') {
      const all = await keys.list();
      if (all.length === 0) process.stdout.write('no API keys\n');
      for (const k of all) {
        process.stdout.write(
          `${k.id}  ${k.name.padEnd(20)} ${k.scopes.join(',').padEnd(60)} created ${k.createdAt.toISOString()}  last used ${k.lastUsedAt?.toISOString() ?? 'never'}${k.revokedAt ? `  REVOKED ${k.revokedAt.toISOString()}` : ''}\n`,
        );
      }
    } else {
      const n = await keys.revoke({ ...(name ? { name } : {}), ...(id ? { id } : {}) }, systemClock.now());
      if (n === 0) throw new CliError(`no active key ${name ? `named "${name}"` : `with id ${id}`}`);
      process.stdout.write(`revoked ${n} key${n === 1 ? '' : 's'}\n`);
    }
  } finally {
    await db.close();
  }
  return 0;
});
