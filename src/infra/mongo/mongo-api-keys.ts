import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';

/** What an API key may do. Documented in the README ("API"). */
export const API_SCOPES = ['contracts:read', 'contracts:write', 'documents:write', 'renewals:read', 'webhooks:read', 'webhooks:write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface ApiKey {
  id: string;
  name: string;
  scopes: ApiScope[];
  createdAt: Date;
  revokedAt?: Date;
  lastUsedAt?: Date;
}

interface ApiKeyDoc {
  _id: string;
  name: string;
  /** sha256 of the secret part, hex: the secret itself is never stored. */
  secretHash: string;
  scopes: string[];
  createdAt: Date;
  revokedAt?: Date;
  lastUsedAt?: Date;
}

const apiKeySchema = new Schema<ApiKeyDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true, index: true },
    secretHash: { type: String, required: true },
    scopes: { type: [String], required: true },
    createdAt: { type: Date, required: true },
    revokedAt: Date,
    lastUsedAt: Date,
  },
  { collection: 'api_keys', versionKey: false },
);

function apiKeyModel(connection: Connection): Model<ApiKeyDoc> {
  return (connection.models.ApiKey as Model<ApiKeyDoc> | undefined) ?? connection.model<ApiKeyDoc>('ApiKey', apiKeySchema);
}

const KEY_PREFIX = 'clause';
const sha256 = (text: string) => createHash('sha256').update(text).digest();
const toKey = (d: ApiKeyDoc): ApiKey => ({
  id: d._id,
  name: d.name,
  scopes: d.scopes as ApiScope[],
  createdAt: d.createdAt,
  ...(d.revokedAt ? { revokedAt: d.revokedAt } : {}),
  ...(d.lastUsedAt ? { lastUsedAt: d.lastUsedAt } : {}),
});

/**
 * API keys in MongoDB. A key reads `clause_<id>_<secret>`: the id finds the record, the secret
 * (32 random bytes) is compared by its sha256 in constant time. Only the hash is stored, so a key
 * is shown once, when it is created.
 */
export class MongoApiKeys {
  /** When a key's last use was recorded, per key id: at most one write per key per interval. */
  private readonly lastRecorded = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly lastUseIntervalMs = 60_000,
  ) {}

  private get Key() {
    return apiKeyModel(this.connection);
  }

  async init(): Promise<void> {
    await this.Key.createIndexes();
  }

  /** Creates a key; `secret` is the whole key to hand to the integration (never stored). */
  async create(name: string, scopes: readonly ApiScope[], now: Date): Promise<{ key: ApiKey; secret: string }> {
    if (await this.Key.exists({ name, revokedAt: { $exists: false } }))
      throw new Error(`an active key named "${name}" already exists; revoke it first or choose another name`);
    const id = randomBytes(6).toString('hex');
    const secretPart = randomBytes(32).toString('base64url');
    const doc: ApiKeyDoc = { _id: id, name, secretHash: sha256(secretPart).toString('hex'), scopes: [...scopes], createdAt: now };
    await this.Key.create(doc);
    return { key: toKey(doc), secret: `${KEY_PREFIX}_${id}_${secretPart}` };
  }

  async list(): Promise<ApiKey[]> {
    const docs = await this.Key.find({}).sort({ createdAt: 1, _id: 1 }).lean<ApiKeyDoc[]>();
    return docs.map(toKey);
  }

  /** Revokes the active keys with this id or name; returns how many. */
  async revoke(by: { id?: string; name?: string }, now: Date): Promise<number> {
    const filter = { ...(by.id ? { _id: by.id } : {}), ...(by.name ? { name: by.name } : {}), revokedAt: { $exists: false } };
    const result = await this.Key.updateMany(filter, { $set: { revokedAt: now } });
    return result.modifiedCount;
  }

  /** The active key this presented secret is, or null (unknown, malformed, wrong secret, revoked). */
  async authenticate(presented: string, now: Date): Promise<ApiKey | null> {
    const m = /^clause_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(presented);
    if (!m) return null;
    const doc = await this.Key.findById(m[1]).lean<ApiKeyDoc>();
    if (!doc || doc.revokedAt) return null;
    const expected = Buffer.from(doc.secretHash, 'hex');
    const actual = sha256(m[2]!);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    await this.recordUse(doc._id, now);
    return toKey(doc);
  }

  /** Records the last use, throttled: one write per key per interval, not one per request. */
  private async recordUse(id: string, now: Date): Promise<void> {
    const previous = this.lastRecorded.get(id);
    if (previous !== undefined && now.getTime() - previous < this.lastUseIntervalMs) return;
    this.lastRecorded.set(id, now.getTime());
    await this.Key.updateOne({ _id: id }, { $set: { lastUsedAt: now } });
  }
}
