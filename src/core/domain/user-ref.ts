import { z } from 'zod';

/**
 * Where a person acted from. `system` is Clause itself (jobs, imports); `api` is an integration
 * calling the REST API with an API key (the key's name is the actor); `web` is a persona of the
 * playground (the id is the persona's key).
 */
const ZPlatform = z.enum(['slack', 'teams', 'web', 'system', 'api']);

/**
 * A person as a platform knows them: a Slack user id (`U…`, with the workspace) or a Teams AAD
 * object id (with the tenant). `email`, when known, lets one person be the same on both.
 */
export const ZUserRef = z.object({
  platform: ZPlatform,
  id: z.string().min(1),
  tenantId: z.string().min(1).optional(),
  email: z.string().email().optional(),
  displayName: z.string().optional(),
});
export type UserRef = z.infer<typeof ZUserRef>;

export const SYSTEM_USER: UserRef = { platform: 'system', id: 'clause', displayName: 'Clause' };

/** Same person: same platform id, or the same e-mail address on any platform. */
export function isSameUser(a: UserRef, b: UserRef): boolean {
  if (a.platform === b.platform && a.id === b.id) return true;
  return Boolean(a.email && b.email && a.email.toLowerCase() === b.email.toLowerCase());
}

function _userKey(u: UserRef): string {
  return `${u.platform}:${u.id}`;
}
