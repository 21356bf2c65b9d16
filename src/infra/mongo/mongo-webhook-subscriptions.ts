import { randomBytes } from 'node:crypto';
import { Schema, Types, type Connection, type Model } from 'mongoose';
import type { WebhookEventType } from '../../core/domain/webhook-event.js';
import type { NewWebhookSubscription, WebhookAttempt, WebhookSubscription, WebhookSubscriptions } from '../../core/ports/webhook-subscriptions.js';

interface SubscriptionDoc {
  _id: string;
  url: string;
  events: string[];
  description?: string;
  /** The signing secret: needed to sign, so stored as is (never logged, never listed). */
  secret: string;
  enabled: boolean;
  createdAt: Date;
  createdBy: string;
  generation: number;
  enabledAt: Date;
  disabledAt?: Date;
  disabledReason?: string;
}

interface AttemptDoc extends Omit<WebhookAttempt, 'eventType'> {
  _id: Types.ObjectId;
  eventType: string;
}

const subscriptionSchema = new Schema<SubscriptionDoc>(
  {
    _id: { type: String, required: true },
    url: { type: String, required: true },
    events: { type: [String], required: true },
    description: String,
    secret: { type: String, required: true },
    enabled: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    generation: { type: Number, required: true },
    enabledAt: { type: Date, required: true },
    disabledAt: Date,
    disabledReason: String,
  },
  { collection: 'webhook_subscriptions', versionKey: false },
);

const attemptSchema = new Schema<AttemptDoc>(
  {
    subscriptionId: { type: String, required: true },
    eventId: { type: String, required: true },
    eventType: { type: String, required: true },
    attempt: { type: Number, required: true },
    at: { type: Date, required: true },
    outcome: { type: String, required: true },
    httpStatus: Number,
    error: String,
    durationMs: { type: Number, required: true },
  },
  { collection: 'webhook_attempts', versionKey: false },
);
// The delivery log of one subscription, newest first (also the consecutive-failure check).
attemptSchema.index({ subscriptionId: 1, at: -1 });

function subscriptionModel(connection: Connection): Model<SubscriptionDoc> {
  return (
    (connection.models.WebhookSubscription as Model<SubscriptionDoc> | undefined) ??
    connection.model<SubscriptionDoc>('WebhookSubscription', subscriptionSchema)
  );
}
function attemptModel(connection: Connection): Model<AttemptDoc> {
  return (connection.models.WebhookAttempt as Model<AttemptDoc> | undefined) ?? connection.model<AttemptDoc>('WebhookAttempt', attemptSchema);
}

/** A new signing secret: `whsec_` and 32 random bytes, base64. */
const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

const toSubscription = (d: SubscriptionDoc): WebhookSubscription => ({
  id: d._id,
  url: d.url,
  events: d.events as WebhookEventType[],
  ...(d.description ? { description: d.description } : {}),
  enabled: d.enabled,
  createdAt: d.createdAt,
  createdBy: d.createdBy,
  generation: d.generation,
  enabledAt: d.enabledAt,
  ...(d.disabledAt ? { disabledAt: d.disabledAt } : {}),
  ...(d.disabledReason ? { disabledReason: d.disabledReason } : {}),
});

const toAttempt = (d: AttemptDoc): WebhookAttempt => ({
  subscriptionId: d.subscriptionId,
  eventId: d.eventId,
  eventType: d.eventType as WebhookEventType,
  attempt: d.attempt,
  at: d.at,
  outcome: d.outcome,
  ...(d.httpStatus !== undefined && d.httpStatus !== null ? { httpStatus: d.httpStatus } : {}),
  ...(d.error ? { error: d.error } : {}),
  durationMs: d.durationMs,
});

const NO_SECRET = { secret: 0 } as const;

/** Webhook subscriptions (`webhook_subscriptions`) and their delivery log (`webhook_attempts`). */
export class MongoWebhookSubscriptions implements WebhookSubscriptions {
  /**
   * The enabled subscriptions, read at most every `cacheMs` for publishing (every contract change
   * publishes: without this each click pays a read). Changes made through this object clear it at
   * once; a change made by another process (the CLI, the other of web and worker) applies within
   * `cacheMs`.
   */
  private cached: { at: number; all: Promise<WebhookSubscription[]> } | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly cacheMs = 5_000,
  ) {}

  private get Sub() {
    return subscriptionModel(this.connection);
  }
  private get Attempt() {
    return attemptModel(this.connection);
  }

  async init(): Promise<void> {
    await Promise.all([this.Sub.createIndexes(), this.Attempt.createIndexes()]);
  }

  async create(input: NewWebhookSubscription, now: Date): Promise<{ subscription: WebhookSubscription; secret: string }> {
    const secret = input.secret ?? newWebhookSecret();
    const doc: SubscriptionDoc = {
      _id: `wh_${randomBytes(8).toString('hex')}`,
      url: input.url,
      events: [...input.events],
      ...(input.description ? { description: input.description } : {}),
      secret,
      enabled: true,
      createdAt: now,
      createdBy: input.createdBy,
      generation: 1,
      enabledAt: now,
    };
    await this.Sub.create(doc);
    this.cached = undefined;
    return { subscription: toSubscription(doc), secret };
  }

  async get(id: string): Promise<WebhookSubscription | null> {
    const doc = await this.Sub.findById(id, NO_SECRET).lean<SubscriptionDoc>();
    return doc ? toSubscription(doc) : null;
  }

  async secretOf(id: string): Promise<string | null> {
    const doc = await this.Sub.findById(id, { secret: 1 }).lean<Pick<SubscriptionDoc, 'secret'>>();
    return doc?.secret ?? null;
  }

  async list(): Promise<WebhookSubscription[]> {
    const docs = await this.Sub.find({}, NO_SECRET).sort({ createdAt: 1, _id: 1 }).lean<SubscriptionDoc[]>();
    return docs.map(toSubscription);
  }

  async listFor(type: WebhookEventType): Promise<WebhookSubscription[]> {
    // A handful of documents: read them and filter here (booleans and array members are not
    // pushed down to an index on FerretDB either way).
    const now = Date.now();
    if (!this.cached || now - this.cached.at >= this.cacheMs) {
      const all = this.list();
      this.cached = { at: now, all };
      all.catch(() => {
        if (this.cached?.all === all) this.cached = undefined;
      });
    }
    return (await this.cached.all).filter((s) => s.enabled && s.events.includes(type));
  }

  async setEnabled(id: string, enabled: boolean, now: Date, reason?: string): Promise<WebhookSubscription | null> {
    const update = enabled
      ? { $set: { enabled: true, enabledAt: now }, $inc: { generation: 1 }, $unset: { disabledAt: 1, disabledReason: 1 } }
      : { $set: { enabled: false, disabledAt: now, disabledReason: reason ?? 'disabled by an admin' } };
    // An update then a read (FerretDB's findAndModify takes no projection, and the secret stays here).
    const result = await this.Sub.updateOne({ _id: id }, update);
    this.cached = undefined;
    return result.matchedCount === 0 ? null : this.get(id);
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.Sub.deleteOne({ _id: id });
    this.cached = undefined;
    if (result.deletedCount === 0) return false;
    await this.Attempt.deleteMany({ subscriptionId: id });
    return true;
  }

  /** Deletes delivery log entries older than `before` (WEBHOOK_LOG_RETENTION_DAYS). */
  async pruneAttempts(before: Date): Promise<number> {
    return (await this.Attempt.deleteMany({ at: { $lt: before } })).deletedCount;
  }

  async recordAttempt(attempt: WebhookAttempt): Promise<void> {
    await this.Attempt.create({ _id: new Types.ObjectId(), ...attempt });
  }

  async listAttempts(subscriptionId: string, limit: number): Promise<WebhookAttempt[]> {
    const docs = await this.Attempt.find({ subscriptionId }).sort({ at: -1, _id: -1 }).limit(limit).lean<AttemptDoc[]>();
    return docs.map(toAttempt);
  }
}
