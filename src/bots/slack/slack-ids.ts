import { FORM_IDS } from '../../core/interactions/forms.js';
import { ACTION_IDS } from '../../core/interactions/handle-action.js';
import { callbackIdOf } from './render/modal-view.js';

/**
 * Everything the Slack app handles, in one place: the listeners register these ids and the
 * manifest test checks that `manifests/slack/manifest.yaml` declares exactly these.
 */
export const SLACK_COMMANDS = { contract: '/contract' } as const;

/** Every card action of the core (core/interactions/handle-action.ts), by its id. */
export const SLACK_ACTIONS: Readonly<Record<string, string>> = Object.fromEntries(ACTION_IDS.map((id) => [id, id]));

/** Every form of the core as a modal callback id (core/interactions/forms.ts; dots become underscores). */
export const SLACK_VIEWS = Object.fromEntries(Object.entries(FORM_IDS).map(([key, id]) => [key, callbackIdOf(id)])) as {
  readonly [K in keyof typeof FORM_IDS]: string;
};

/** `message` is subscribed as `message.im` in the manifest: Clause reads DMs to it, no channels. */
export const SLACK_EVENTS = { appHomeOpened: 'app_home_opened', message: 'message', appMention: 'app_mention' } as const;
