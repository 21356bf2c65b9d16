/**
 * The filter-pushdown patch (src/infra/mongo/provision/ferretdb/sqlite-pushdown.patch) must never
 * change a result: pushdown only narrows what SQLite reads, and the handler filters again. This
 * runs the same documents and the same queries, updates and deletes on stock FerretDB v1.24.2 and
 * on the patched build, and compares everything they return and leave behind.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { createLogger } from '../../src/infra/logger.js';
import { ensureFerretDbBinary, startFerretDb, type FerretDbProcess } from '../../src/infra/mongo/provision/ferretdb.js';

const { MongoClient, ObjectId, BSON } = mongoose.mongo;
type Client = InstanceType<typeof MongoClient>;
type Filter = Record<string, unknown>;
/** Documents whose `_id` may be a string, an ObjectID or a number. */
type AnyDoc = mongoose.mongo.Document & { _id: string | number | InstanceType<typeof ObjectId> };

function goInstalled(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Without Go neither build can be made; that is only acceptable when the suite runs on a
// MongoDB of its own (MONGODB_URI), which does not use FerretDB at all.
const skip = !goInstalled() && Boolean(process.env.MONGODB_URI);
if (skip) console.warn('[ferretdb-pushdown] skipped: Go is not installed and MONGODB_URI is set, so no FerretDB build is used or can be compared');
const describeBuilds = skip ? describe.skip : describe;

const oid1 = new ObjectId('64b7f0a1c2d3e4f5a6b7c8d9');
const oid2 = new ObjectId('64b7f0a1c2d3e4f5a6b7c8da');
const oid3 = new ObjectId('64b7f0a1c2d3e4f5a6b7c8db');
const tricky = 'k<1&"\\\n\u00e9\u2028 >';

/** Strings, ObjectIDs (and strings that spell them), arrays, nested fields, numbers, null, missing. */
const DOCS = [
  { _id: 'a', s: 'x', num: 1, tags: ['red', 'blue'], n: { s: 'x', k: 1 }, o: oid1 },
  { _id: 'b', s: 'y', num: 2, tags: ['green'], n: { s: 'y' }, o: oid1.toHexString() },
  { _id: 'c', s: tricky, num: 1.5, tags: [], o: oid2 },
  { _id: 'd', s: ['x', 'z'], num: '1', tags: 'red', n: { s: ['x'] } },
  { _id: 'e', s: null, num: null, n: null },
  { _id: 'f', num: 3 },
  { _id: 'g', s: '', num: 0, tags: ['red', oid3], o: [oid2, 'x'] },
  { _id: oid1, s: 'x', num: 10, tags: ['blue'], o: oid3 },
  { _id: oid2, s: oid1.toHexString(), num: -1, n: { s: 'z', deep: { s: 'x' } } },
  { _id: 7, s: 'x', num: 7 },
  { _id: 'h', s: '"x"', num: 7.0, tags: ['[', '\\'] },
  { _id: 'i', s: '[x', num: Number.MAX_SAFE_INTEGER, tags: [null] },
  { _id: 'j', s: 'X', num: true, flag: false, at: new Date('2026-06-01T00:00:00Z') },
  // Dates as YYYY-MM-DD strings (range pushdown), with a status (equality next to a range).
  { _id: 'k', d: '2026-01-01', st: 'active' },
  { _id: 'l', d: ['2027-01-01', '2025-05-05'], st: 'active' },
  { _id: 'm', d: '2026-06-01', st: 'expired' },
  { _id: 'n', d: '2026-0&', st: 'active' },
  { _id: 'o', d: '2026-06-01T', st: ['active'] },
  { _id: 'p', d: 20260101, st: 'active' },
  { _id: 'q', d: '2026-06-0', st: 'active' },
  { _id: 'r', d: '2026-\u2028', st: 'active' },
];

const QUERIES: Filter[] = [
  {},
  { _id: 'a' },
  { _id: 'zz' },
  { _id: oid1 },
  { _id: oid1.toHexString() },
  { _id: 7 },
  { _id: { $eq: 'b' } },
  { _id: { $in: ['a', 'c', oid2, 'zz', oid3] } },
  { _id: { $in: ['a', 7] } },
  { _id: { $in: [] } },
  { _id: 'a', s: 'x' },
  { _id: 'a', s: 'y' },
  { _id: { $in: ['a', 'b', 'd'] }, s: 'x' },
  { s: 'x' },
  { s: 'X' },
  { s: 'z' },
  { s: tricky },
  { s: '' },
  { s: '"x"' },
  { s: '[x' },
  { s: oid1.toHexString() },
  { s: oid1 },
  { s: null },
  { s: { $exists: false } },
  { s: { $eq: 'x' } },
  { s: { $in: ['x', 'y'] } },
  { s: { $in: ['z', tricky, ''] } },
  { s: { $in: ['x', null] } },
  { s: { $in: [/^x/] } },
  { s: { $ne: 'x' } },
  { s: { $nin: ['x', 'y'] } },
  { s: 'x', num: 1 },
  { s: 'x', num: { $gt: 5 } },
  { s: { $in: ['x', 'y'] }, tags: 'red' },
  { tags: 'red' },
  { tags: 'blue' },
  { tags: '[' },
  { tags: '\\' },
  { tags: oid3 },
  { tags: { $in: ['green', 'blue'] } },
  { tags: null },
  { tags: [] },
  { tags: ['red', 'blue'] },
  { o: oid1 },
  { o: oid1.toHexString() },
  { o: oid2 },
  { o: 'x' },
  { o: { $in: [oid1, oid3] } },
  { 'n.s': 'x' },
  { 'n.s': 'y' },
  { n: { s: 'y' } },
  { 'n.deep.s': 'x' },
  { num: 1 },
  { num: '1' },
  { num: 7 },
  { num: null },
  { flag: false },
  { missing: null },
  { missing: 'x' },
  { s: { $lt: 'y' } },
  { s: { $lte: 'x' } },
  { s: { $gt: 'X' } },
  { s: { $gte: '' } },
  { s: { $gt: '0', $lt: 'z' } },
  { s: { $lt: 'k=' } },
  { s: { $lt: '"y' } },
  { s: { $gte: 'k<' } },
  { num: { $lt: 'z' } },
  { tags: { $gt: 'p' } },
  { tags: { $lte: '[' } },
  { d: { $lte: '2026-06-01' } },
  { d: { $lt: '2026-06-01' } },
  { d: { $gt: '2026-06-01' } },
  { d: { $gte: '2026-06-0' } },
  { d: { $gte: '2026-0~' } },
  { d: { $lte: '2026-06-01' }, st: 'active' },
  { st: 'active', d: { $gt: '2026-01-01', $lte: '2026-12-31' } },
  { st: { $in: ['active', 'expired'] }, d: { $lte: '2026-06-01' } },
  { _id: { $in: ['k', 'l', 'm'] }, d: { $lte: '2026-06-01' } },
  { $or: [{ s: 'x' }, { _id: 'b' }] },
  { $and: [{ s: 'x' }, { _id: oid1 }] },
];

const canonical = (docs: unknown[]) => docs.map((d) => BSON.EJSON.stringify(d as never, { relaxed: false })).sort();

describeBuilds('FerretDB filter pushdown: the patched build returns what stock FerretDB returns', () => {
  const servers: Record<'stock' | 'patched', { ferret: FerretDbProcess; client: Client; dir: string }> = {} as never;
  const dbName = 'clause_pushdown_diff';

  beforeAll(async () => {
    const cacheDir = process.env.CLAUSE_CACHE_DIR ?? join(homedir(), '.cache', 'clause');
    const logger = createLogger('silent');
    for (const build of ['stock', 'patched'] as const) {
      // The stock build is made once (about a minute) into its own cache folder.
      const binary = await ensureFerretDbBinary(cacheDir, logger, { patched: build === 'patched' });
      if (!binary) throw new Error(`the ${build} FerretDB build needs Go on the PATH`);
      if (build === 'patched' && !binary.includes('-pushdown-')) throw new Error(`the patched FerretDB build needs Go on the PATH (only ${binary} is there)`);
      expect(binary.includes('-pushdown-')).toBe(build === 'patched');
      const dir = await mkdtemp(join(tmpdir(), `clause-pushdown-${build}-`));
      const ferret = await startFerretDb(binary, dir);
      const client = await MongoClient.connect(ferret.uri);
      servers[build] = { ferret, client, dir };
      const db = client.db(dbName);
      await db.collection<AnyDoc>('indexed').createIndexes([{ key: { s: 1 } }, { key: { tags: 1 } }, { key: { o: 1 } }, { key: { s: 1, num: 1 } }]);
      await db.collection<AnyDoc>('indexed').insertMany(DOCS as never[]);
      await db.collection('plain').insertMany(DOCS as never[]);
    }
  }, 15 * 60_000);

  afterAll(async () => {
    for (const s of Object.values(servers)) {
      await s.client.close();
      await s.ferret.stop();
      await rm(s.dir, { recursive: true, force: true });
    }
  });

  const both = async <T>(fn: (db: mongoose.mongo.Db) => Promise<T>): Promise<{ stock: T; patched: T }> => ({
    stock: await fn(servers.stock.client.db(dbName)),
    patched: await fn(servers.patched.client.db(dbName)),
  });

  it.each(['indexed', 'plain'])('find: every query returns the same documents (%s collection)', async (collection) => {
    const mismatches: string[] = [];
    let nonEmpty = 0;
    for (const filter of QUERIES) {
      const r = await both((db) => db.collection(collection).find(filter).toArray());
      if (r.stock.length > 0) nonEmpty++;
      const [a, b] = [canonical(r.stock), canonical(r.patched)];
      if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push(`${BSON.EJSON.stringify(filter)}: stock ${a.length} docs, patched ${b.length}`);
      const counts = await both((db) => db.collection(collection).countDocuments(filter));
      if (counts.stock !== counts.patched) mismatches.push(`count ${BSON.EJSON.stringify(filter)}: ${counts.stock} vs ${counts.patched}`);
    }
    expect(mismatches).toEqual([]);
    // The comparison means something only if the queries do match documents.
    expect(nonEmpty).toBeGreaterThan(60);
  });

  it('findOne, updates and deletes by the pushed-down forms leave the same collections', async () => {
    const ops: Array<(db: mongoose.mongo.Db) => Promise<unknown>> = [
      (db) => db.collection<AnyDoc>('indexed').updateOne({ _id: 'a' }, { $set: { hit: 1 } }),
      (db) => db.collection<AnyDoc>('indexed').updateOne({ _id: oid1 }, { $set: { hit: 2 } }),
      (db) => db.collection<AnyDoc>('indexed').updateMany({ tags: 'red' }, { $inc: { reds: 1 } }),
      (db) => db.collection<AnyDoc>('indexed').updateMany({ s: { $in: ['x', tricky] } }, { $set: { sx: true } }),
      (db) => db.collection<AnyDoc>('indexed').updateOne({ _id: 'zz' }, { $set: { s: 'new' } }, { upsert: true }),
      (db) => db.collection<AnyDoc>('indexed').updateOne({ _id: 'b', s: 'nope' }, { $set: { hit: 3 } }),
      (db) => db.collection<AnyDoc>('indexed').replaceOne({ _id: 'c' }, { s: 'replaced', tags: ['red'] }),
      (db) => db.collection<AnyDoc>('indexed').findOneAndUpdate({ o: oid2 }, { $set: { found: true } }, { returnDocument: 'after', sort: { _id: 1 } }),
      (db) => db.collection<AnyDoc>('indexed').deleteOne({ _id: { $in: ['g', 'h'] } }),
      (db) => db.collection<AnyDoc>('indexed').deleteMany({ s: '' }),
      (db) => db.collection<AnyDoc>('indexed').deleteMany({ o: oid1.toHexString() }),
      (db) => db.collection<AnyDoc>('indexed').findOne({ _id: oid2 }),
      (db) => db.collection<AnyDoc>('indexed').findOne({ s: 'x' }, { sort: { _id: -1 } }),
    ];
    for (const op of ops) {
      const r = await both(op);
      expect(BSON.EJSON.stringify(r.patched as never, { relaxed: false })).toBe(BSON.EJSON.stringify(r.stock as never, { relaxed: false }));
    }
    const after = await both((db) => db.collection<AnyDoc>('indexed').find({}).toArray());
    expect(canonical(after.patched)).toEqual(canonical(after.stock));
    // 'zz' upserted; 'g' deleted by _id $in (then s: '' finds nothing); 'b' deleted by o.
    expect(after.stock.length).toBe(DOCS.length - 1);
  });

  it('the patched build pushes these filters down and serves them from the indexes; stock does not', async () => {
    // On a handful of rows SQLite rightly prefers a scan; plans are compared on a few thousand.
    const big = Array.from({ length: 3_000 }, (_, i) => ({
      _id: `big${i}`,
      s: `s${i % 500}`,
      tags: [`t${i % 50}`, 'common'],
      o: new ObjectId(),
      st: i % 7 === 0 ? 'expired' : 'active',
      d: `2026-${String(1 + (i % 12)).padStart(2, '0')}-01`,
    }));
    for (const build of ['stock', 'patched'] as const) {
      const col = servers[build].client.db(dbName).collection<AnyDoc>('big');
      await col.createIndexes([{ key: { s: 1 } }, { key: { tags: 1 } }, { key: { o: 1 } }, { key: { st: 1, d: 1 } }, { key: { d: 1 } }, { key: { st: 1 } }]);
      await col.insertMany(big);
    }
    const plan = async (build: 'stock' | 'patched', filter: Filter) => {
      const res = (await servers[build].client.db(dbName).command({ explain: { find: 'big', filter }, verbosity: 'queryPlanner' })) as {
        filterPushdown?: boolean;
        queryPlanner?: { Plan?: string[] };
      };
      return { pushdown: res.filterPushdown, plan: (res.queryPlanner?.Plan ?? []).join('\n') };
    };
    for (const filter of [
      { _id: 'big7' },
      { _id: { $in: ['big7', 'big8'] } },
      { s: 's1' },
      { tags: { $in: ['t1', 't2'] } },
      { o: big[5]!.o },
      { d: { $lte: '2026-02-01' } },
    ]) {
      const patched = await plan('patched', filter);
      expect({ filter, ...patched }).toEqual({ filter, pushdown: true, plan: expect.stringContaining('USING INDEX') });
    }
    // Equality next to a range: the range's index is searched (the date is the selective part).
    const scan = await plan('patched', { st: 'active', d: { $lte: '2026-02-01' } });
    expect(scan.plan).toMatch(/USING INDEX \S+_d_1 /);
    const stock = await plan('stock', { s: 's1' });
    expect(stock.pushdown).toBe(false);
    expect(stock.plan).toContain('SCAN');
    // And the answers agree here too.
    for (const filter of [{ st: 'active', d: { $lte: '2026-02-01' } }, { tags: 'common', s: { $in: ['s1', 's2'] } }, { d: { $gt: '2026-11-01' } }]) {
      const r = await both((db) => db.collection('big').find(filter).toArray());
      expect(canonical(r.patched)).toEqual(canonical(r.stock));
      expect(r.stock.length).toBeGreaterThan(0);
    }
  });
});
