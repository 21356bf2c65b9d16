import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup as dnsLookupAll } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Agent } from 'undici';
import type { WebhookUrlCheck } from '../../core/ports/webhook-transport.js';

/**
 * Addresses a webhook must not reach unless WEBHOOK_ALLOW_PRIVATE_URLS is on: loopback, private
 * networks, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, benchmarking,
 * multicast and reserved ranges, and their IPv6 counterparts. A subscriber could otherwise make
 * Clause post to services inside its own network (server-side request forgery).
 */
const INTERNAL = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv6');

/** Whether an IP address is internal (IPv4-mapped IPv6 addresses are checked as IPv4). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return INTERNAL.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 4) return INTERNAL.check(address, 'ipv4');
  if (family === 6) return INTERNAL.check(address, 'ipv6');
  return false;
}

/** The refusal's reason, shown in the delivery log. */
function internalAddressReason(host: string, address: string): string {
  return `${host} is an internal address (${address}); webhooks go only to public addresses unless WEBHOOK_ALLOW_PRIVATE_URLS=true`;
}

/** Why this host (an IP literal or `localhost`) is internal, if it is; a host name needs DNS and is not judged here. */
export function internalLiteralReason(host: string): string | undefined {
  const bare = host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return internalAddressReason(bare, 'loopback');
  return isIP(bare) && isInternalAddress(bare) ? internalAddressReason(bare, bare) : undefined;
}

type ResolveAll = (hostname: string) => Promise<Array<{ address: string }>>;

export interface WebhookUrlCheckOptions {
  /** How long DNS may take before the host is let through (the transport checks again when it posts). */
  dnsTimeoutMs?: number;
  /** Every address of a host name (tests); node's resolver by default. */
  resolve?: ResolveAll;
}

/**
 * The subscription-time check (WebhookUrlCheck) with the policy on: an internal IP literal or
 * `localhost` is refused at once; a host name is resolved (within `dnsTimeoutMs`) and refused when
 * any of its addresses is internal. A name DNS cannot answer for passes: the send-time guard
 * still stands between it and the network.
 */
export function publicOnlyUrlCheck(options: WebhookUrlCheckOptions = {}): WebhookUrlCheck {
  const resolve: ResolveAll = options.resolve ?? ((hostname) => dnsLookupAll(hostname, { all: true, verbatim: true }));
  const timeoutMs = options.dnsTimeoutMs ?? 3000;
  return async (url) => {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      return undefined; // the URL's own validation says what is wrong with it
    }
    const literal = internalLiteralReason(host);
    if (literal) return literal;
    if (isIP(host.replace(/^\[|\]$/g, ''))) return undefined; // a public address
    const name = host.replace(/\.$/, '');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>((r) => {
      timer = setTimeout(r, timeoutMs, undefined);
      timer.unref();
    });
    const addresses = await Promise.race([resolve(name).catch(() => undefined), timedOut]).finally(() => clearTimeout(timer));
    const internal = addresses?.find((a) => isInternalAddress(a.address));
    return internal ? internalAddressReason(name, internal.address) : undefined;
  };
}

class InternalAddressError extends Error {
  override name = 'InternalAddressError';
  readonly code = 'EINTERNALADDRESS';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A dispatcher whose connections refuse internal addresses at connect time, after DNS: a host
 * that resolves to a public address when subscribed and to an internal one later (DNS rebinding)
 * is refused too. IP literals never reach `lookup`, so the transport checks them itself first.
 */
export function publicOnlyDispatcher(): Agent {
  const lookup = (hostname: string, options: object, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const internal = addresses.find((a) => isInternalAddress(a.address));
      if (internal) return callback(new InternalAddressError(internalAddressReason(hostname, internal.address)), '');
      const all = (options as { all?: boolean }).all;
      if (all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
  return new Agent({ connect: { lookup } });
}
