import { EventEmitter } from 'node:events';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Clock } from '../../core/ports/clock.js';
import type { NewPlaygroundMessage, PlaygroundContent, PlaygroundMessage, PlaygroundMessages } from '../../core/ports/playground.js';
import { isDuplicateKeyError } from './insert-claim.js';

/**
 * The playground's messages (`playground_messages`): one document per message, `_id` the message
 * id (a delivery's deterministic id, so a retried send finds its message: the insert is the
 * claim). The content is stored as neutral JSON text and rendered when read. `seq` (a string:
 * the write time, zero-padded, then random hex) grows with every write, so readers in other
 * processes poll by a string range on it.
 */
interface PlaygroundMessageDoc {
  _id: string;
  conversation: string;
  from: string;
  content: string;
  version: number;
  createdAt: Date;
  seq: string;
  /** The seq it was added with (the conversation's order; seq moves on with replacements). */
  order: string;
}

const COLLECTION = 'playground_messages';

export class MongoPlaygroundMessages implements PlaygroundMessages {
  private readonly events = new EventEmitter();

  constructor(
    private readonly connection: Connection,
    private readonly clock: Clock,
  ) {
    this.events.setMaxListeners(0);
  }

  private get collection() {
    return this.connection.collection<PlaygroundMessageDoc>(COLLECTION);
  }

  async init(): Promise<void> {
    await this.collection.createIndex({ seq: 1 });
    await this.collection.createIndex({ conversation: 1, order: 1 });
  }

  seqAt(time: Date): string {
    return String(time.getTime()).padStart(15, '0');
  }

  private nextSeq(): string {
    // The wall clock (not the injected one): the order of writes, whatever time a test pretends.
    return `${this.seqAt(new Date())}-${randomBytes(4).toString('hex')}`;
  }

  private toMessage(doc: PlaygroundMessageDoc): PlaygroundMessage {
    return {
      id: doc._id,
      conversation: doc.conversation,
      from: JSON.parse(doc.from) as PlaygroundMessage['from'],
      content: JSON.parse(doc.content) as PlaygroundContent,
      version: doc.version,
      createdAt: doc.createdAt,
      seq: doc.seq,
    };
  }

  async add(input: NewPlaygroundMessage): Promise<{ message: PlaygroundMessage; added: boolean }> {
    const seq = this.nextSeq();
    const doc: PlaygroundMessageDoc = {
      _id: input.id ?? randomUUID(),
      conversation: input.conversation,
      from: JSON.stringify(input.from),
      content: JSON.stringify(input.content),
      version: 1,
      createdAt: this.clock.now(),
      seq,
      order: seq,
    };
    try {
      await this.collection.insertOne(doc);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const stored = await this.get(doc._id);
      if (!stored) throw error;
      return { message: stored, added: false };
    }
    const message = this.toMessage(doc);
    this.events.emit('change', message);
    return { message, added: true };
  }

  async replace(id: string, content: PlaygroundContent): Promise<PlaygroundMessage | undefined> {
    await this.collection.updateOne({ _id: id }, { $set: { content: JSON.stringify(content), seq: this.nextSeq() }, $inc: { version: 1 } });
    const message = await this.get(id);
    if (message) this.events.emit('change', message);
    return message;
  }

  async get(id: string): Promise<PlaygroundMessage | undefined> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? this.toMessage(doc) : undefined;
  }

  async list(conversation: string, limit: number): Promise<PlaygroundMessage[]> {
    const docs = await this.collection.find({ conversation }).sort({ order: -1 }).limit(limit).toArray();
    return docs.reverse().map((d) => this.toMessage(d));
  }

  async changedSince(conversations: readonly string[], seq: string): Promise<PlaygroundMessage[]> {
    // A string range on seq only (index-backed on FerretDB too): a poll reads the last seconds' writes.
    const docs = await this.collection
      .find({ seq: { $gt: seq } })
      .sort({ seq: 1 })
      .limit(1_000)
      .toArray();
    return docs.filter((d) => conversations.includes(d.conversation)).map((d) => this.toMessage(d));
  }

  onChange(listener: (message: PlaygroundMessage) => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }
}
