/**
 * The bound a test waits for an event before it fails. Tests poll or listen with a bound, never
 * sleep; a bound only costs time when the test fails, so it is kept generous: on a loaded 2-core
 * CI machine (load average 10+) a click that takes 50 ms alone can take seconds. A test's own
 * figure is raised to at least CLAUSE_TEST_MIN_WAIT_MS (default 15 s).
 */
export function waitBound(timeoutMs: number): number {
  const min = Number(process.env.CLAUSE_TEST_MIN_WAIT_MS ?? 15_000);
  return Math.max(timeoutMs, Number.isFinite(min) ? min : 15_000);
}

/** Polls `check` until it returns something truthy (returned), within waitBound(timeoutMs); never a fixed sleep. */
export async function waitUntil<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + waitBound(timeoutMs);
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
