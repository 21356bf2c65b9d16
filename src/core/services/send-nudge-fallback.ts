import type { ChatTarget } from '../ports/chat-notifier.js';
import { isWebhookDelivery, type OutboxDelivery, type OutboxItem } from '../ports/outbox.js';
import { undeliverableNudgeMessage, type UnreachableNudgeTarget } from '../views/renewal-nudge-card.js';
import { claimAndDeliver, type DeliveryDeps, type DeliveryResult } from './deliver-outbox-item.js';
import type { RenewalDeps } from './renewal-deps.js';

/** The one fallback notice of a nudge: claimed under this id, so it is sent once however often it is asked for. */
export const nudgeFallbackId = (nudgeItemId: string) => `${nudgeItemId}:undeliverable`;
const NUDGE_FALLBACK_KIND = 'renewal_nudge_undeliverable';
/** The outbox kinds of renewal nudges (the ladder's and the notice reminders). */
const NUDGE_KINDS = ['renewal_nudge', 'renewal_notice_reminder'] as const;

function describe(target: ChatTarget): string {
  if (target.kind === 'channel') return `the ${target.platform} channel ${target.channelId}`;
  const u = target.user;
  const name = u.displayName ?? u.email;
  return name ? `${name} (${u.platform} user ${u.id})` : `${u.platform} user ${u.id}`;
}

/**
 * A renewal nudge found permanently undeliverable (the owner's account gone, the channel
 * archived…): ONE notice, through the outbox under `nudgeFallbackId`, to the renewals channel
 * when only the owner could not be reached, else (or without a renewals channel) to the admins.
 * Without any such target nothing more is sent (the nudge stays recorded and in the digest) and
 * one warning is logged. 'taken': the notice was claimed before (a retry, another worker).
 */
async function sendNudgeFallback(
  deps: RenewalDeps,
  nudge: OutboxItem,
  undeliverable: DeliveryResult['undeliverable'],
  fresh = true,
): Promise<DeliveryResult | 'taken' | 'no_target'> {
  const failed = undeliverable
    .map((u) => ({ delivery: nudge.deliveries[u.index], reason: u.reason }))
    .filter((f): f is { delivery: Extract<OutboxDelivery, { target: ChatTarget }>; reason: string } => !!f.delivery && !isWebhookDelivery(f.delivery));
  if (failed.length === 0) return 'no_target';
  const channelFailed = failed.some((f) => f.delivery.target.kind === 'channel');
  const renewalsChannel = deps.settings.renewalsChannel;
  const targets: readonly ChatTarget[] = !channelFailed && renewalsChannel ? [renewalsChannel] : (deps.settings.admins ?? []);
  const details = nudge.details ?? {};
  const contractRef = typeof details.contractRef === 'string' ? details.contractRef : nudge.subjectId;
  const deadline = typeof details.deadline === 'string' ? details.deadline : 'unknown';
  const unreachable: UnreachableNudgeTarget[] = failed.map((f) => ({ who: describe(f.delivery.target), reason: f.reason }));
  if (targets.length === 0) {
    // Once per problem: only by the attempt that found it.
    if (fresh)
      deps.logger?.warn(
        { nudgeId: nudge.id, contractRef, unreachable },
        `renewal nudge ${nudge.id} for ${contractRef} is undeliverable and there is no renewals channel or admin to tell`,
      );
    return 'no_target';
  }
  const message = undeliverableNudgeMessage(failed[0]!.delivery.message, { contractRef, deadline, unreachable });
  return claimAndDeliver(deps, deps.nudges, {
    id: nudgeFallbackId(nudge.id),
    kind: NUDGE_FALLBACK_KIND,
    subjectId: nudge.subjectId,
    deliveries: targets.map((target) => ({ target, message })),
    details: { contractRef, deadline, nudgeId: nudge.id, unreachable },
  });
}

/** The renewal deps with the fallback notice on: every delivery attempt of a nudge (first send or sweeper) that finds it undeliverable asks for it. */
export function withNudgeFallback(deps: RenewalDeps): RenewalDeps {
  const withHook: RenewalDeps = { ...deps };
  const hook: NonNullable<DeliveryDeps['onUndeliverable']>[string] = async (item, undeliverable, fresh) => {
    await sendNudgeFallback(withHook, item, undeliverable, fresh);
  };
  withHook.onUndeliverable = Object.fromEntries(NUDGE_KINDS.map((kind) => [kind, hook]));
  return withHook;
}
