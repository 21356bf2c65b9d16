/**
 * The playground (README "Try it in two minutes"): a web chat at http://localhost:3000/ where a
 * newcomer plays the demo company's people. One decision, read by every process alike.
 */

/** The settings the decision reads (a structural type: env.ts applies it while parsing). */
interface PlaygroundInput {
  PLAYGROUND: 'auto' | 'on' | 'off';
  NODE_ENV: 'development' | 'production' | 'test';
  SLACK_BOT_TOKEN?: string | undefined;
  MICROSOFT_APP_ID?: string | undefined;
  TEAMS_ALLOW_UNAUTHENTICATED: boolean;
}

/** The demo policy the playground uses unless POLICY_FILE is set. */
const DEMO_POLICY_FILE = 'config/demo/policy.yaml';
/** The demo company's name (config/demo/personas.yaml `company.name`; a test keeps them equal). */
export const DEMO_COMPANY_NAME = 'Larkspur Analytics';
/** Where the playground listens unless HOST is set: it has no login, so only this machine reaches it. */
const LOOPBACK_HOST = '127.0.0.1';

export interface PlaygroundSettings {
  on: boolean;
  /** Why, in words (the start-up log). */
  reason: string;
  /** HOST to use instead of the default (when the playground is on and HOST was not set). */
  host?: string;
  /** POLICY_FILE to use instead of the default (when the playground is on and POLICY_FILE was not set). */
  policyFile?: string;
  /**
   * COMPANY_NAME to use (when the playground is on and COMPANY_NAME was not set): the demo
   * company's, so an uploaded contract's own party is recognised and the other one proposed.
   */
  companyName?: string;
}

/**
 * PLAYGROUND=auto (the default) turns the playground on when neither Slack (SLACK_BOT_TOKEN) nor
 * Teams (MICROSOFT_APP_ID, TEAMS_ALLOW_UNAUTHENTICATED) is configured and NODE_ENV is not
 * production; `on` forces it (also in production: explicitly), `off` never. When on, it binds to
 * loopback and uses the demo policy and company name unless HOST / POLICY_FILE / COMPANY_NAME were set (`rawEnvHas` says which
 * variables the environment really set, as opposed to defaults).
 */
export function playgroundSettings(env: PlaygroundInput, rawEnvHas: (name: 'HOST' | 'POLICY_FILE' | 'COMPANY_NAME') => boolean): PlaygroundSettings {
  const chat = Boolean(env.SLACK_BOT_TOKEN || env.MICROSOFT_APP_ID || env.TEAMS_ALLOW_UNAUTHENTICATED);
  let on: boolean;
  let reason: string;
  if (env.PLAYGROUND === 'on') [on, reason] = [true, 'PLAYGROUND=on'];
  else if (env.PLAYGROUND === 'off') [on, reason] = [false, 'PLAYGROUND=off'];
  else if (env.NODE_ENV === 'production') [on, reason] = [false, 'NODE_ENV=production (set PLAYGROUND=on to turn it on there)'];
  else if (chat) [on, reason] = [false, 'Slack or Teams is configured (set PLAYGROUND=on to have it as well)'];
  else [on, reason] = [true, 'neither Slack nor Teams is configured'];
  if (!on) return { on, reason };
  return {
    on,
    reason,
    ...(rawEnvHas('HOST') ? {} : { host: LOOPBACK_HOST }),
    ...(rawEnvHas('POLICY_FILE') ? {} : { policyFile: DEMO_POLICY_FILE }),
    ...(rawEnvHas('COMPANY_NAME') ? {} : { companyName: DEMO_COMPANY_NAME }),
  };
}

/** Whether HOST reaches only this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
