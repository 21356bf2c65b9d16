import { ManualClock } from '../../src/core/ports/clock.js';
import { createLogger } from '../../src/infra/logger.js';
import { EventLoopDelayMonitor, EVENT_LOOP_WARN_EVERY_MS } from '../../src/infra/event-loop-delay.js';
import { logCapture, type LogLine } from '../support/log-capture.js';

/** Holds the event loop for `ms` (what a CPU-heavy handler would do), then lets the monitor see it. */
async function blockLoop(monitor: EventLoopDelayMonitor, ms: number): Promise<void> {
  // The monitor measures from its own ticks: let it tick once first (bounded).
  for (let i = 0; i < 100_000 && monitor.peek().maxMs === 0; i++) await new Promise((r) => setImmediate(r));
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: nothing else can run
  }
  // The histogram records the delay when its own timer next runs: yield until it has (bounded).
  for (let i = 0; i < 10_000 && monitor.peek().maxMs < ms / 2; i++) await new Promise((r) => setImmediate(r));
}

describe('event-loop delay monitor', () => {
  const logs: LogLine[] = [];
  const clock = new ManualClock('2026-12-02T12:00:00Z');
  let monitor: EventLoopDelayMonitor;

  beforeEach(() => {
    logs.length = 0;
    monitor = new EventLoopDelayMonitor({ warnMs: 50, windowMs: 3_600_000, clock, logger: createLogger('info', logCapture(logs)) }).start();
  });
  afterEach(() => monitor.stop());

  const warns = () => logs.filter((l) => l.level === 40 && l.msg.startsWith('event loop delayed'));

  it('reports p50/p99/max over the window and warns when p99 exceeds the threshold', async () => {
    await blockLoop(monitor, 200);
    clock.advanceMs(10_000);
    const figures = monitor.sample();
    expect(figures.maxMs).toBeGreaterThanOrEqual(100);
    expect(figures.p99Ms).toBeGreaterThan(50);
    expect(figures.windowS).toBe(10);
    expect(monitor.current()).toEqual(figures);
    expect(warns()).toHaveLength(1);
    expect(warns()[0]).toMatchObject({ thresholdMs: 50, eventLoopDelay: figures });
  });

  it('warns at most once a minute, and not for a quiet window', async () => {
    await blockLoop(monitor, 200);
    monitor.sample();
    await blockLoop(monitor, 200);
    clock.advanceMs(EVENT_LOOP_WARN_EVERY_MS - 1000);
    monitor.sample();
    expect(warns()).toHaveLength(1);
    clock.advanceMs(1000);
    await blockLoop(monitor, 200);
    monitor.sample();
    expect(warns()).toHaveLength(2);
    // A window with no delay to speak of: no warning, however long since the last one.
    clock.advanceMs(EVENT_LOOP_WARN_EVERY_MS);
    monitor.sample();
    const quiet = monitor.sample();
    expect(quiet.p99Ms).toBeLessThan(50);
    expect(warns()).toHaveLength(2);
  });

  it('never warns with the threshold at 0 (off)', async () => {
    monitor.stop();
    monitor = new EventLoopDelayMonitor({ warnMs: 0, clock, logger: createLogger('info', logCapture(logs)) }).start();
    await blockLoop(monitor, 150);
    expect(monitor.sample().maxMs).toBeGreaterThanOrEqual(75);
    expect(warns()).toHaveLength(0);
  });
});
