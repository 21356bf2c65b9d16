import type { Connection } from 'mongoose';
import type { LogLine } from '../support/log-capture.js';

/** Documents per non-empty collection, to prove a refused request wrote nothing (a collection created empty is no write). */
export async function dbCounts(connection: Connection, except: readonly string[] = []): Promise<Record<string, number>> {
  const db = connection.db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !except.includes(n))
    .sort();
  const counts: Record<string, number> = {};
  for (const name of names) {
    const n = await db.collection(name).countDocuments({});
    if (n > 0) counts[name] = n;
  }
  return counts;
}

/** Warn lines about a refused request since `from` (index into logs). */
export function refusals(logs: LogLine[], from = 0): LogLine[] {
  return logs.slice(from).filter((l) => l.level === 40 && typeof l.msg === 'string' && l.msg.startsWith('refused '));
}

/** No log line since `from` is an error or carries a stack. */
export function noErrorsOrStacks(logs: LogLine[], from = 0): boolean {
  return logs.slice(from).every((l) => l.level < 50 && !JSON.stringify(l).includes('"stack"'));
}

/** A small deterministic PRNG (mulberry32), so a fuzz run is repeatable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
