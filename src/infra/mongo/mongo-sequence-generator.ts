import type { Connection } from 'mongoose';
import type { SequenceGenerator } from '../../core/ports/sequence-generator.js';
import { counterModel } from './models/counter-model.js';
import { sequenceClaimModel } from './models/sequence-claim-model.js';
import { isDuplicateKeyError } from './insert-claim.js';

/**
 * Hands out each value exactly once by inserting a claim document with a unique `_id`.
 *
 * Why not `$inc` on a counter: FerretDB v1 applies updates as read-modify-write without
 * isolation, so concurrent `$inc`s lose increments (measured: 50 concurrent `$inc` left 4). An
 * insert with a duplicate `_id` is refused by every MongoDB-wire server, so claims are safe on
 * both. The counter document (and what this process tried last) is only a hint of where to
 * start looking.
 */
/** The counter hint is moved forward every this many values. */
const HINT_EVERY = 8;

export class MongoSequenceGenerator implements SequenceGenerator {
  /** The highest value this process has tried per sequence: a starting point, never a guarantee. */
  private readonly tried = new Map<string, number>();

  constructor(private readonly connection: Connection) {}

  private async hint(name: string): Promise<number> {
    const hint = await counterModel(this.connection).findById(name).lean();
    return hint?.value ?? 0;
  }

  async next(name: string): Promise<number> {
    const Counter = counterModel(this.connection);
    const Claim = sequenceClaimModel(this.connection);
    if (!this.tried.has(name)) {
      const start = await this.hint(name);
      this.tried.set(name, Math.max(this.tried.get(name) ?? 0, start));
    }
    let candidate: number;
    let collided = false;
    for (;;) {
      // Reserved in memory before the insert, so concurrent calls in this process never collide.
      candidate = this.tried.get(name)! + 1;
      this.tried.set(name, candidate);
      try {
        await Claim.create({ _id: `${name}:${candidate}`, at: new Date() });
        break;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        collided = true;
        // Another process claimed it: jump to where the counter says the others are.
        const elsewhere = await this.hint(name);
        if (elsewhere > this.tried.get(name)!) this.tried.set(name, elsewhere);
      }
    }
    // Best effort, and only every few values (a write saved per allocation in bulk imports): a
    // hint that is a few values behind only costs another process a few extra tries.
    if (collided || candidate % HINT_EVERY === 0) {
      await Counter.updateOne({ _id: name }, { $max: { value: candidate } }, { upsert: true }).catch(() => undefined);
    }
    return candidate;
  }

  async nextMany(name: string, count: number): Promise<number[]> {
    if (count <= 0) return [];
    const Counter = counterModel(this.connection);
    const Claim = sequenceClaimModel(this.connection);
    if (!this.tried.has(name)) {
      const start = await this.hint(name);
      this.tried.set(name, Math.max(this.tried.get(name) ?? 0, start));
    }
    const got: number[] = [];
    while (got.length < count) {
      const first = this.tried.get(name)! + 1;
      const values = Array.from({ length: count - got.length }, (_, i) => first + i);
      this.tried.set(name, values.at(-1)!);
      const at = new Date();
      // One insert for the block, unordered: a value another process took fails alone.
      const taken = new Set<number>();
      try {
        await Claim.collection.insertMany(
          values.map((v) => ({ _id: `${name}:${v}`, at }) as never),
          { ordered: false },
        );
      } catch (error) {
        const writeErrors = (error as { writeErrors?: Array<{ index: number; code?: number }> | { index: number; code?: number } }).writeErrors;
        const failures = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
        if (failures.length === 0 || failures.some((w) => w.code !== 11000)) throw error;
        for (const w of failures) taken.add(values[w.index]!);
        const elsewhere = await this.hint(name);
        if (elsewhere > this.tried.get(name)!) this.tried.set(name, elsewhere);
      }
      got.push(...values.filter((v) => !taken.has(v)));
    }
    await Counter.updateOne({ _id: name }, { $max: { value: Math.max(...got) } }, { upsert: true }).catch(() => undefined);
    return got.sort((a, b) => a - b);
  }
}
