import { Schema, type Connection, type Model } from 'mongoose';

/** A claimed reminder; `_id` is its deterministic key (e.g. `contractId:termEnd:offset`). */
export interface OutboxDoc {
  _id: string;
  kind: string;
  subjectId: string;
  status: string;
  attempts: number;
  claimedAt: Date;
  /** First claim (absent on items stored before retries: claimedAt stands in). */
  createdAt?: Date;
  /** When the next attempt may start (lease end or retry time); absent on old items. */
  dueAt?: Date;
  giveUpAt?: Date;
  sentAt?: Date;
  /**
   * Rendered deliveries of items claimed before payloads had their own collection; newer items
   * keep them in `<collection>_payloads` (see OutboxPayloadDoc).
   */
  deliveries?: unknown[];
  /** Made deliveries by index: `{ "0": MessageRef | null }`. */
  delivered: Record<string, unknown>;
  details?: Record<string, unknown>;
  /** Permanently undeliverable deliveries by index: `{ "1": "channel_not_found" }`. */
  problems?: Record<string, string>;
  lastError?: string;
  waitingFor?: string;
  reason?: string;
}

/**
 * An item's rendered deliveries, written once before its claim. They are the bulk of an item
 * (a card is kilobytes) and never change, so the status documents that are updated after every
 * send stay small: FerretDB v1 rewrites by scanning the collection, MongoDB rewrites the document.
 */
export interface OutboxPayloadDoc {
  _id: string;
  /** Mixed: objects holding arrays, never arrays of arrays. */
  deliveries: unknown[];
}

/** A re-send attempt's claim: `_id` is `itemId#attempt`. */
export interface OutboxAttemptDoc {
  _id: string;
  itemId: string;
  at: Date;
}

const outboxSchema = new Schema<OutboxDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    subjectId: { type: String, required: true, index: true },
    status: { type: String, required: true },
    attempts: { type: Number, required: true },
    claimedAt: { type: Date, required: true },
    createdAt: Date,
    dueAt: Date,
    giveUpAt: Date,
    sentAt: Date,
    deliveries: { type: [Schema.Types.Mixed], default: undefined },
    delivered: { type: Schema.Types.Mixed, default: {} },
    details: Schema.Types.Mixed,
    problems: Schema.Types.Mixed,
    lastError: String,
    waitingFor: String,
    reason: String,
  },
  { versionKey: false, minimize: false },
);
// The sweeper's queries: queued items by next attempt time (and by claim time for old items).
outboxSchema.index({ status: 1, dueAt: 1 });
outboxSchema.index({ status: 1, claimedAt: 1 });

const attemptSchema = new Schema<OutboxAttemptDoc>(
  { _id: { type: String, required: true }, itemId: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false },
);

const payloadSchema = new Schema<OutboxPayloadDoc>(
  { _id: { type: String, required: true }, deliveries: { type: [Schema.Types.Mixed], default: [] } },
  { versionKey: false, minimize: false },
);

function modelName(collection: string): string {
  return `Outbox_${collection}`;
}

/** One outbox collection per kind of reminder (`renewal_nudges`, `approval_reminders`, …). */
export function outboxModel(connection: Connection, collection: string): Model<OutboxDoc> {
  const name = modelName(collection);
  return (connection.models[name] as Model<OutboxDoc> | undefined) ?? connection.model<OutboxDoc>(name, outboxSchema.clone(), collection);
}

export function outboxAttemptModel(connection: Connection, collection: string): Model<OutboxAttemptDoc> {
  const name = `${modelName(collection)}_attempts`;
  return (
    (connection.models[name] as Model<OutboxAttemptDoc> | undefined) ??
    connection.model<OutboxAttemptDoc>(name, attemptSchema.clone(), `${collection}_attempts`)
  );
}

export function outboxPayloadModel(connection: Connection, collection: string): Model<OutboxPayloadDoc> {
  const name = `${modelName(collection)}_payloads`;
  return (
    (connection.models[name] as Model<OutboxPayloadDoc> | undefined) ??
    connection.model<OutboxPayloadDoc>(name, payloadSchema.clone(), `${collection}_payloads`)
  );
}
