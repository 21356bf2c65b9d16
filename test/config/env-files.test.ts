import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvFiles } from '../../src/config/env-files.js';
import { ConfigError, loadEnv } from '../../src/config/env.js';

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'clause-envfiles-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('.env and .env.local', () => {
  it('reads .env when present, so a PORT set there is honoured', async () => {
    const dir = await folder({ '.env': '# comment\nPORT=4123\nCOMPANY_NAME="Acme Ltd"\n' });
    const target: NodeJS.ProcessEnv = {};
    expect(loadEnvFiles(dir, target)).toEqual(['.env']);
    const env = loadEnv(target);
    expect(env.PORT).toBe(4123);
    expect(env.COMPANY_NAME).toBe('Acme Ltd');
  });

  it('lets the real environment win over both files, and .env.local over .env', async () => {
    const dir = await folder({ '.env': 'PORT=4000\nLOG_LEVEL=debug\nHOST=10.0.0.1\n', '.env.local': 'PORT=5000\nLOG_LEVEL=warn\n' });
    const target: NodeJS.ProcessEnv = { LOG_LEVEL: 'error' };
    expect(loadEnvFiles(dir, target)).toEqual(['.env.local', '.env']);
    expect(target).toEqual({ PORT: '5000', LOG_LEVEL: 'error', HOST: '10.0.0.1' });
  });

  it('keeps an empty value set in the environment (set, even if empty, wins)', async () => {
    const dir = await folder({ '.env': 'SLACK_BOT_TOKEN=xoxb-from-file\nSLACK_SIGNING_SECRET=s\n' });
    const target: NodeJS.ProcessEnv = { SLACK_BOT_TOKEN: '' };
    loadEnvFiles(dir, target);
    expect(target.SLACK_BOT_TOKEN).toBe('');
  });

  it('reads nothing and changes nothing without the files', async () => {
    const dir = await folder({});
    const target: NodeJS.ProcessEnv = { PORT: '1' };
    expect(loadEnvFiles(dir, target)).toEqual([]);
    expect(target).toEqual({ PORT: '1' });
  });

  it('reports a .env that cannot be read as a configuration error', async () => {
    const dir = await folder({});
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, '.env')); // a folder where the file should be
    expect(() => loadEnvFiles(dir, {})).toThrow(ConfigError);
    expect(() => loadEnvFiles(dir, {})).toThrow(/^Configuration error: cannot read \.env: /);
  });
});
