import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import type { App } from '@slack/bolt';
import { registerListeners } from '../../../src/bots/slack/listeners/index.js';
import type { SlackHandlerDeps } from '../../../src/bots/slack/slack-handler-deps.js';
import { SLACK_ACTIONS, SLACK_COMMANDS, SLACK_EVENTS, SLACK_VIEWS } from '../../../src/bots/slack/slack-ids.js';
import { SLACK_EVENTS_PATH } from '../../../src/bots/slack/slack-surface.js';
import { APPROVAL_ACTIONS } from '../../../src/core/views/approval-card.js';

const ZManifest = z.object({
  display_information: z.object({ name: z.string().min(1), description: z.string().min(1) }),
  features: z.object({
    app_home: z.object({ home_tab_enabled: z.boolean() }),
    bot_user: z.object({ display_name: z.string().min(1) }),
    slash_commands: z.array(z.object({ command: z.string(), url: z.string(), description: z.string() })),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string() }),
    socket_mode_enabled: z.boolean(),
  }),
});

/** Registers the real listeners on a stand-in App that only records what they listen to. */
function registeredIds() {
  const seen = { commands: [] as string[], actions: [] as string[], views: [] as string[], events: [] as string[] };
  const recorder = {
    command: (id: string) => seen.commands.push(id),
    // A button listener is a RegExp (it also takes repeated copies, `id~2`): record the id it is for.
    action: (id: string | RegExp) =>
      seen.actions.push(typeof id === 'string' ? id : (Object.values(SLACK_ACTIONS).find((a) => id.test(a) && id.test(`${a}~2`)) ?? String(id))),
    view: (id: string) => seen.views.push(id),
    event: (id: string) => seen.events.push(id),
  };
  registerListeners(recorder as unknown as App, {} as SlackHandlerDeps);
  return seen;
}

const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('manifests/slack/manifest.yaml', () => {
  let manifest: z.infer<typeof ZManifest>;
  beforeAll(async () => {
    manifest = ZManifest.parse(parse(await readFile(new URL('../../../manifests/slack/manifest.yaml', import.meta.url), 'utf8')));
  });

  it('the listeners handle exactly the ids in slack-ids.ts', () => {
    const seen = registeredIds();
    expect(sorted(seen.commands)).toEqual(sorted(Object.values(SLACK_COMMANDS)));
    expect(sorted(seen.actions)).toEqual(sorted(Object.values(SLACK_ACTIONS)));
    expect(sorted(seen.views)).toEqual(sorted(Object.values(SLACK_VIEWS)));
    expect(sorted(seen.events)).toEqual(sorted(Object.values(SLACK_EVENTS)));
    // Every button the core's approval card carries has a listener.
    for (const id of Object.values(APPROVAL_ACTIONS)) expect(seen.actions).toContain(id);
  });

  it('declares every command and event the code handles, and nothing it does not', () => {
    const seen = registeredIds();
    expect(sorted(manifest.features.slash_commands.map((c) => c.command))).toEqual(sorted(new Set(seen.commands)));
    // `message.im` is delivered as the `message` event (Clause reads DMs to it, not channels).
    const botEvents = manifest.settings.event_subscriptions.bot_events.map((e) => (e === 'message.im' ? 'message' : e));
    expect(sorted(botEvents)).toEqual(sorted(new Set(seen.events)));
    // Actions and views arrive through interactivity: on exactly when the code handles some.
    expect(manifest.settings.interactivity.is_enabled).toBe(seen.actions.length + seen.views.length > 0);
    expect(manifest.features.app_home.home_tab_enabled).toBe(seen.events.includes('app_home_opened'));
  });

  it('sends commands, interactivity and events to the one endpoint the service mounts', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('asks for the minimal bot scopes', () => {
    expect(sorted(manifest.oauth_config.scopes.bot)).toEqual(
      sorted([
        'commands',
        'chat:write',
        'im:write',
        'users:read',
        'users:read.email',
        'files:write',
        'im:history',
        'app_mentions:read',
        'files:read',
        'channels:history',
        'groups:history',
      ]),
    );
  });
});
