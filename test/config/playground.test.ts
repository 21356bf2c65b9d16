import { loadEnv } from '../../src/config/env.js';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { DEMO_COMPANY_NAME, isLoopbackHost, playgroundSettings } from '../../src/config/playground.js';

const base = { PLAYGROUND: 'auto', NODE_ENV: 'development', TEAMS_ALLOW_UNAUTHENTICATED: false } as const;
const none = () => false;

describe('the playground setting (PLAYGROUND)', () => {
  it('auto: on without Slack and Teams outside production, bound to loopback with the demo policy', () => {
    expect(playgroundSettings(base, none)).toEqual({
      on: true,
      reason: 'neither Slack nor Teams is configured',
      host: '127.0.0.1',
      policyFile: 'config/demo/policy.yaml',
      companyName: 'Larkspur Analytics',
    });
    expect(playgroundSettings({ ...base, SLACK_BOT_TOKEN: 'xoxb-1' }, none).on).toBe(false);
    expect(playgroundSettings({ ...base, MICROSOFT_APP_ID: 'app' }, none).on).toBe(false);
    expect(playgroundSettings({ ...base, TEAMS_ALLOW_UNAUTHENTICATED: true }, none).on).toBe(false);
    expect(playgroundSettings({ ...base, NODE_ENV: 'production' }, none)).toMatchObject({ on: false, reason: expect.stringContaining('production') });
  });

  it('on forces it (production too, explicitly); off never; an explicit HOST or POLICY_FILE wins', () => {
    expect(playgroundSettings({ ...base, PLAYGROUND: 'on', NODE_ENV: 'production', SLACK_BOT_TOKEN: 'xoxb-1' }, none).on).toBe(true);
    expect(playgroundSettings({ ...base, PLAYGROUND: 'off' }, none)).toEqual({ on: false, reason: 'PLAYGROUND=off' });
    expect(playgroundSettings(base, () => true)).toEqual({ on: true, reason: 'neither Slack nor Teams is configured' });
  });

  it('loadEnv applies it: loopback and the demo policy unless set; untouched when off', () => {
    expect(loadEnv({})).toMatchObject({ PLAYGROUND: 'auto', HOST: '127.0.0.1', POLICY_FILE: 'config/demo/policy.yaml' });
    expect(loadEnv({ HOST: '0.0.0.0', POLICY_FILE: 'my-policy.yaml' })).toMatchObject({ HOST: '0.0.0.0', POLICY_FILE: 'my-policy.yaml' });
    // .env.example leaves them empty: empty is unset.
    expect(loadEnv({ HOST: '', POLICY_FILE: '' })).toMatchObject({ HOST: '127.0.0.1', POLICY_FILE: 'config/demo/policy.yaml' });
    expect(loadEnv({ PLAYGROUND: 'off', HOST: '' })).toMatchObject({ HOST: '0.0.0.0' });
    expect(loadEnv({ PLAYGROUND: 'off' })).toMatchObject({ HOST: '0.0.0.0', POLICY_FILE: 'config/approval-policy.example.yaml' });
    expect(() => loadEnv({ PLAYGROUND: 'maybe' })).toThrow('PLAYGROUND must be auto, on or off');
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', 'localhost', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.4'].some(isLoopbackHost)).toBe(false);
  });

  it('the demo company name while on, unless COMPANY_NAME is set; the same name as config/demo/personas.yaml', () => {
    const personas = parseYaml(readFileSync('config/demo/personas.yaml', 'utf8')) as { company: { name: string } };
    expect(DEMO_COMPANY_NAME).toBe(personas.company.name);
    expect(loadEnv({}).COMPANY_NAME).toBe('Larkspur Analytics');
    expect(loadEnv({ COMPANY_NAME: '' }).COMPANY_NAME).toBe('Larkspur Analytics');
    expect(loadEnv({ COMPANY_NAME: 'Acme Corp' }).COMPANY_NAME).toBe('Acme Corp');
    expect(loadEnv({ PLAYGROUND: 'off' }).COMPANY_NAME).toBe('Our Company');
  });
});
