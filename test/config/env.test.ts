import { globSync, readFileSync } from 'node:fs';
import { ENV_VARIABLES, ConfigError, loadEnv } from '../../src/config/env.js';

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('configuration from the environment', () => {
  it('starts with no variables at all', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.JOBS_ENABLED).toBe(true);
    expect(env.MONGODB_URI).toBeUndefined();
    expect(env.SLACK_BOT_TOKEN).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    expect(loadEnv({ MONGODB_URI: '', SLACK_BOT_TOKEN: ' ' }).MONGODB_URI).toBeUndefined();
  });

  it('parses booleans and numbers', () => {
    const env = loadEnv({ PORT: '8080', JOBS_ENABLED: 'false' });
    expect(env.PORT).toBe(8080);
    expect(env.JOBS_ENABLED).toBe(false);
  });

  it('names the variable and what it expects, one line each', () => {
    expect(configError({ PORT: 'eighty' })).toBe('Configuration error: PORT must be a port number');
    expect(configError({ PORT: '70000' })).toBe('Configuration error: PORT must be a port number from 0 to 65535');
    expect(configError({ MONGODB_URI: 'postgres://x' })).toBe(
      'Configuration error: MONGODB_URI must be a MongoDB connection string (mongodb:// or mongodb+srv://)',
    );
    expect(configError({ JOBS_ENABLED: 'maybe' })).toBe('Configuration error: JOBS_ENABLED must be true or false');
    const two = configError({ PORT: 'x', LOG_LEVEL: 'loud' }).split('\n');
    expect(two).toHaveLength(2);
    expect(two[1]).toMatch(/^Configuration error: LOG_LEVEL /);
  });

  it('requires the pieces that go together', () => {
    expect(configError({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(/SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set/);
    expect(configError({ SLACK_BOT_TOKEN: 'xoxp-user' })).toMatch(/SLACK_BOT_TOKEN must be a bot token starting with xoxb-/);
    expect(configError({ MICROSOFT_APP_ID: 'abc' })).toMatch(/MICROSOFT_APP_PASSWORD is required/);
  });

  it('never echoes a value in an error (values may be secrets)', () => {
    const secret = 'xoxp-super-secret-value';
    expect(configError({ SLACK_BOT_TOKEN: secret, SLACK_SIGNING_SECRET: 's' })).not.toContain(secret);
  });

  it('documents every variable in .env.example, and nothing else', () => {
    const documented = readFileSync('.env.example', 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => line.split('=')[0]);
    expect([...documented].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('lists every variable in the README table, and nothing else', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const tableNames = section
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .flatMap((line) => [...line.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!));
    expect([...new Set(tableNames)].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('reads no variable in the source that the schema does not know', () => {
    const files = globSync('{src,scripts}/**/*.{ts,mts,mjs}');
    expect(files.length).toBeGreaterThan(50);
    const used = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/process\.env(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g)) used.add(m[1] ?? m[2]!);
    }
    const unknown = [...used].filter((name) => !(ENV_VARIABLES as string[]).includes(name));
    expect(unknown).toEqual([]);
  });
});

describe('e-signature settings (ESIGN_PROVIDER)', () => {
  it('defaults to none and needs nothing else', () => {
    expect(loadEnv({}).ESIGN_PROVIDER).toBe('none');
  });

  it('refuses an unknown provider', () => {
    expect(configError({ ESIGN_PROVIDER: 'hellosign' })).toBe('Configuration error: ESIGN_PROVIDER must be none, documenso or docusign');
  });

  it('documenso: needs the API key and a webhook secret of at least 16 characters', () => {
    const lines = configError({ ESIGN_PROVIDER: 'documenso' }).split('\n');
    expect(lines).toEqual([
      'Configuration error: DOCUMENSO_API_KEY is required when ESIGN_PROVIDER=documenso',
      'Configuration error: DOCUMENSO_WEBHOOK_SECRET is required when ESIGN_PROVIDER=documenso (set the same secret on the Documenso webhook)',
    ]);
    expect(configError({ ESIGN_PROVIDER: 'documenso', DOCUMENSO_API_KEY: 'api_x', DOCUMENSO_WEBHOOK_SECRET: 'short' })).toMatch(
      /DOCUMENSO_WEBHOOK_SECRET must be at least 16 characters/,
    );
    expect(loadEnv({ ESIGN_PROVIDER: 'documenso', DOCUMENSO_API_KEY: 'api_x', DOCUMENSO_WEBHOOK_SECRET: 'a-long-enough-secret' }).DOCUMENSO_API_URL).toBe(
      'https://app.documenso.com/api/v2',
    );
  });

  it('docusign: needs GUIDs, an RSA private key in PEM and the Connect HMAC key; never echoes the key', () => {
    const missing = configError({ ESIGN_PROVIDER: 'docusign' });
    for (const name of ['DOCUSIGN_INTEGRATION_KEY', 'DOCUSIGN_USER_ID', 'DOCUSIGN_ACCOUNT_ID', 'DOCUSIGN_PRIVATE_KEY', 'DOCUSIGN_CONNECT_HMAC_KEY']) {
      expect(missing).toContain(`Configuration error: ${name} is required when ESIGN_PROVIDER=docusign`);
    }
    const guid = '0f0e0d0c-0b0a-4909-8807-060504030201';
    const bad = configError({
      ESIGN_PROVIDER: 'docusign',
      DOCUSIGN_INTEGRATION_KEY: 'not-a-guid',
      DOCUSIGN_USER_ID: guid,
      DOCUSIGN_ACCOUNT_ID: guid,
      DOCUSIGN_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\\nsecret-garbage\\n-----END RSA PRIVATE KEY-----',
      DOCUSIGN_CONNECT_HMAC_KEY: 'k',
    });
    expect(bad).toContain('Configuration error: DOCUSIGN_INTEGRATION_KEY must be a GUID');
    expect(bad).toContain('Configuration error: DOCUSIGN_PRIVATE_KEY must be an RSA private key in PEM');
    expect(bad).not.toContain('secret-garbage');
  });
});
