import type { UserRef } from '../../core/domain/user-ref.js';

/** A stored user sub-document as a UserRef with only the fields that are set. */
export function docToUserRef(raw: Record<string, unknown>): UserRef {
  const u: UserRef = { platform: raw.platform as UserRef['platform'], id: String(raw.id) };
  if (raw.tenantId) u.tenantId = String(raw.tenantId);
  if (raw.email) u.email = String(raw.email);
  if (raw.displayName) u.displayName = String(raw.displayName);
  return u;
}
