/**
 * In-process token buckets: each key (a user, an IP address) may spend `perWindow` requests at
 * once and earns them back evenly over `windowMs`. The counts live in this process's memory, so
 * with N web processes a client may get up to N times the limit; that is enough to stop one user
 * or one flood from starving the others on a process. `perWindow` 0 turns the limit off.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private takes = 0;

  constructor(
    private readonly perWindow: number,
    private readonly windowMs: number,
    /** Milliseconds; the injected Clock in the app, so tests can move time. */
    private readonly now: () => number,
    /** Above this many keys, idle (full) buckets are dropped. */
    private readonly maxKeys = 50_000,
  ) {}

  get enabled(): boolean {
    return this.perWindow > 0;
  }

  /** Spends one token for `key`; false when the key has none left. */
  take(key: string): boolean {
    if (!this.enabled) return true;
    const now = this.now();
    const bucket = this.buckets.get(key);
    // A clock that moved back earns nothing (and takes nothing away).
    const tokens = bucket ? Math.min(this.perWindow, bucket.tokens + (Math.max(0, now - bucket.at) * this.perWindow) / this.windowMs) : this.perWindow;
    if ((this.takes += 1) % 1000 === 0 && this.buckets.size > this.maxKeys) this.sweep(now);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return false;
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return true;
  }

  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (Math.max(0, now - b.at) * this.perWindow) / this.windowMs >= this.perWindow) this.buckets.delete(key);
    }
  }
}

/** The limits the chat endpoints share (settings RATE_LIMIT_*). */
export interface ChatRateLimits {
  perUser: TokenBuckets;
  perIp: TokenBuckets;
  uploads: TokenBuckets;
  /** Users already told to slow down in this window (so a flood gets one notice, not one per request). */
  warned: TokenBuckets;
}

export function chatRateLimits(
  settings: { RATE_LIMIT_USER_PER_MINUTE: number; RATE_LIMIT_IP_PER_MINUTE: number; RATE_LIMIT_UPLOADS_PER_HOUR: number },
  now: () => number,
): ChatRateLimits {
  return {
    perUser: new TokenBuckets(settings.RATE_LIMIT_USER_PER_MINUTE, 60_000, now),
    perIp: new TokenBuckets(settings.RATE_LIMIT_IP_PER_MINUTE, 60_000, now),
    uploads: new TokenBuckets(settings.RATE_LIMIT_UPLOADS_PER_HOUR, 3_600_000, now),
    warned: new TokenBuckets(1, 60_000, now),
  };
}

/** The client's address as the socket saw it (behind a proxy: the proxy's). */
export function clientIp(req: { socket: { remoteAddress?: string | undefined } }): string {
  return req.socket.remoteAddress ?? 'unknown';
}
