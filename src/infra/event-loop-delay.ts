import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Clock } from '../core/ports/clock.js';
import type { Logger } from './logger.js';

/** Event-loop delay over the last completed window, in milliseconds (shown in /healthz). */
export interface EventLoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Length of the window the figures cover. */
  windowS: number;
}

/** At most one "event loop delayed" warning per this long. */
export const EVENT_LOOP_WARN_EVERY_MS = 60_000;

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

/**
 * Watches how late the event loop runs (`perf_hooks.monitorEventLoopDelay`). Every `windowMs` the
 * histogram is read and reset; the last window is what `/healthz` shows. When its p99 exceeds
 * `warnMs` a warn is logged, at most once a minute (by the injected clock), since a delayed loop
 * delays every Slack acknowledgement and Teams reply in this process.
 */
export class EventLoopDelayMonitor {
  private readonly histogram: ReturnType<typeof monitorEventLoopDelay>;
  private timer: NodeJS.Timeout | undefined;
  private last: EventLoopDelay | undefined;
  private windowStart: number;
  private lastWarnAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: { warnMs: number; windowMs?: number; clock: Clock; logger: Logger }) {
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.windowStart = options.clock.now().getTime();
  }

  start(): this {
    this.histogram.enable();
    this.timer = setInterval(() => this.sample(), this.options.windowMs ?? 10_000);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  /** Closes the current window: records its figures, warns when it was too slow, resets. */
  sample(): EventLoopDelay {
    const now = this.options.clock.now().getTime();
    const figures = this.peek();
    this.histogram.reset();
    this.windowStart = now;
    this.last = figures;
    const { warnMs, logger } = this.options;
    if (warnMs > 0 && figures.p99Ms > warnMs && now - this.lastWarnAt >= EVENT_LOOP_WARN_EVERY_MS) {
      this.lastWarnAt = now;
      logger.warn(
        { eventLoopDelay: figures, thresholdMs: warnMs },
        `event loop delayed: p99 ${figures.p99Ms} ms over the last ${figures.windowS} s (threshold ${warnMs} ms); Slack acknowledgements and replies are slowed`,
      );
    }
    return figures;
  }

  /** The last completed window (or the current one, before the first window closes). */
  current(): EventLoopDelay {
    return this.last ?? this.peek();
  }

  /** The window so far, without closing it. */
  peek(): EventLoopDelay {
    const h = this.histogram;
    const windowS = Math.max(0, Math.round((this.options.clock.now().getTime() - this.windowStart) / 1000));
    return h.count > 0 ? { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max), windowS } : { p50Ms: 0, p99Ms: 0, maxMs: 0, windowS };
  }
}
