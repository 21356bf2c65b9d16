import { Schema, type Connection, type Model } from 'mongoose';
import { userRefSchema } from './user-ref-schema.js';

export interface AuditEventDoc {
  _id: string;
  contractId: string;
  contractRef: string;
  at: Date;
  actor: Record<string, unknown>;
  platform: string;
  action: string;
  fromStatus?: string;
  toStatus?: string;
  details?: Record<string, unknown>;
  /** The contract revision this event produced (transitions only). */
  revision?: number;
  /** The stored change, so a claimed but unapplied transition can be rolled forward. */
  change?: Record<string, unknown>;
  /**
   * `<ISO time>|<_id>` on the stored changes of single contracts (not bulk imports): what the
   * webhook recovery job (webhooks.recover) reads recent changes by, a string range FerretDB
   * serves from the index, and its unique cursor.
   */
  transitionKey?: string;
}

const auditEventSchema = new Schema<AuditEventDoc>(
  {
    _id: { type: String, required: true },
    contractId: { type: String, required: true, index: true },
    contractRef: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { type: userRefSchema, required: true },
    platform: { type: String, required: true },
    action: { type: String, required: true },
    fromStatus: String,
    toStatus: String,
    details: Schema.Types.Mixed,
    revision: Number,
    change: Schema.Types.Mixed,
    transitionKey: { type: String, index: true },
  },
  { collection: 'audit_events', versionKey: false },
);

export type AuditEventModel = Model<AuditEventDoc>;

export function auditEventModel(connection: Connection): AuditEventModel {
  return (connection.models.AuditEvent as AuditEventModel | undefined) ?? connection.model<AuditEventDoc>('AuditEvent', auditEventSchema);
}
