import type { Connection } from 'mongoose';
import type { SequenceGenerator } from '../../core/ports/sequence-generator.js';
import { counterModel } from './models/counter-model.js';
import { sequenceClaimModel } from './models/sequence-claim-model.js';
import { isDuplicateKeyError } from './is-duplicate-key-error.js';

/**
 * Hands out each value exactly once by inserting a claim document with a unique `_id`.
 *
 * Why not `$inc` on a counter: FerretDB v1 applies updates as read-modify-write without
 * isolation, so concurrent `$inc`s lose increments (measured: 50 concurrent `$inc` left 4). An
 * insert with a duplicate `_id` is refused by every MongoDB-wire server, so claims are safe on
 * both. The counter document is only a hint of where to start looking.
 */
export class MongoSequenceGenerator implements SequenceGenerator {
  constructor(private readonly connection: Connection) {}

  async next(name: string): Promise<number> {
    const Counter = counterModel(this.connection);
    const Claim = sequenceClaimModel(this.connection);
    const hint = await Counter.findById(name).lean();
    let candidate = (hint?.value ?? 0) + 1;
    for (;;) {
      try {
        await Claim.create({ _id: `${name}:${candidate}`, at: new Date() });
        break;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        candidate++;
      }
    }
    // Best effort: a stale hint only costs a few extra tries next time.
    await Counter.updateOne({ _id: name }, { $max: { value: candidate } }, { upsert: true }).catch(() => undefined);
    return candidate;
  }
}
