import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { blankPageFooters } from '../../core/contract-text/page-footers.js';
import { segmentClauses } from '../../core/contract-text/segment-clauses.js';
import type { ClauseRetriever, ClauseSearchOptions, ContractText, PassageHit } from '../../core/ports/clause-retriever.js';
import {
  DEFAULT_OPENING_BOOST,
  newShard,
  SHARD_OPTIONS,
  searchShards,
  type MiniSearchRetrieverOptions,
  type PassageDoc,
  type ShardView,
  type StoredPassage,
} from './minisearch-retriever.js';
import { TERM_VERSION } from './legal-terms.js';
import { buildTermIndex, currentSnapshotDir, fileStamp, type ShardFileData, TermIndexSnapshot } from './term-index.js';

/**
 * What a persisted shard depends on besides its contracts: the file layout and the index-time term
 * processing (stemmer, segmentation; query expansion is query-side only). A shard written by another format is ignored and rebuilt from the documents.
 */
const INDEX_FORMAT = `clause-shard-1/${TERM_VERSION}`;
/** Heap bytes per byte of a shard's JSON file, measured by bench/retrieval-10k.ts: 3.6 for shards of ~30 contracts, 4.4 for ~10 (MiniSearch's maps and the texts). */
const HEAP_PER_FILE_BYTE = 4.4;

export interface ShardedRetrieverOptions extends MiniSearchRetrieverOptions {
  /** Where the shards are persisted (one JSON file per shard plus a small meta file). */
  dir: string;
  /** Number of shards; a contract's shard is a hash of its id. */
  shards: number;
  /** Cap on the estimated heap held by resident shards; least recently used shards are dropped. */
  maxResidentBytes: number;
  /** Delay before dirty shards are written after a change (0: only on `flush()` or eviction). */
  persistDelayMs?: number;
  onError?: (err: unknown, what: string) => void;
  /**
   * The term index (a by-term snapshot of the persisted shards) answers a question that needs at
   * least `minShards` shards (default 16) without loading them; changed shards are searched directly.
   * `rebuildAfterMs` (default 30 s; 0: only by `rebuildTermIndex()`): how long after a change the
   * snapshot is rebuilt in the background when it is missing or more than `maxStaleShards`
   * (default 1/64 of the shards, at least 4) shards changed since.
   */
  termIndex?: { minShards?: number; rebuildAfterMs?: number; maxStaleShards?: number };
  onTermIndexBuilt?: (info: { passages: number; terms: number; bytes: number; ms: number }) => void;
}

interface ContractEntry {
  version: number;
  text: string;
  ids: number[];
}

interface Resident {
  no: number;
  index: MiniSearch<PassageDoc>;
  contracts: Map<string, ContractEntry>;
  passages: Map<number, StoredPassage>;
  nextId: number;
  bytes: number;
  /** mtime+size of the file this was loaded from or written to ('' when never persisted). */
  diskStamp: string;
  dirty: boolean;
}

interface ShardFile {
  format: string;
  content: string;
  nextId: number;
  contracts: Array<{ id: string; version: number; text: string; passages: Array<[number, number, number, number]> }>;
  index: unknown;
}

interface ShardMeta {
  format: string;
  content: string;
  contracts: Record<string, number>;
}

export function shardOfContract(contractId: string, shards: number): number {
  return createHash('sha1').update(contractId).digest().readUInt32BE(0) % shards;
}

function textVersion(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0);
}

/** A hash of the shard's contracts and their versions with the index format: what another process compares. */
function contentVersion(contracts: ReadonlyMap<string, { version: number }>): string {
  const h = createHash('sha1').update(INDEX_FORMAT);
  for (const id of [...contracts.keys()].sort()) h.update(`\n${id}:${contracts.get(id)!.version}`);
  return h.digest('hex').slice(0, 16);
}

function writeAtomic(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/**
 * The clause index split into shards by a hash of the contract id, each persisted to disk so a
 * restart (or another process on the same data directory) loads it instead of rebuilding it.
 * Shards are loaded on the first search that needs them and dropped least recently used first
 * when the estimated resident size passes the cap. A filtered search loads only its contracts'
 * shards; an unfiltered one walks every shard within the cap. Before a resident shard is used its
 * file is stat'ed: a newer file written by another process is reloaded. Ranking per shard is
 * MiniSearch's, exactly as the in-memory retriever's over the same contracts.
 */
export class ShardedClauseRetriever implements ClauseRetriever {
  private readonly resident = new Map<number, Resident>(); // insertion order = least recently used first
  /** Contract -> version for every persisted or resident contract (from the meta files at start). */
  private readonly known = new Map<string, number>();
  /** The known contracts of each shard, so a reloaded shard can correct `known`. */
  private readonly knownByShard = new Map<number, Set<string>>();
  private residentBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private snapshot: TermIndexSnapshot | undefined;
  private unreadableSnapshot: string | undefined;
  private termTimer: NodeJS.Timeout | undefined;
  private building: Promise<void> | undefined;
  private closed = false;
  termSearches = 0;
  private readonly openingBoost: readonly number[];
  loads = 0;
  evictions = 0;

  constructor(private readonly options: ShardedRetrieverOptions) {
    this.openingBoost = options.openingBoost ?? DEFAULT_OPENING_BOOST;
    mkdirSync(options.dir, { recursive: true });
    for (const name of readdirSync(options.dir)) {
      const m = /^shard-(\d+)\.meta\.json$/.exec(name);
      if (!m || Number(m[1]) >= options.shards) continue;
      const meta = this.readMeta(Number(m[1]));
      if (meta) this.setKnown(Number(m[1]), Object.entries(meta.contracts));
    }
    if (this.known.size > 0) this.scheduleTermIndex();
  }

  /**
   * Contract -> version of every contract the index holds, persisted ones included: the live map,
   * to be used as `RetrievalIndex.indexed`, so a restart re-indexes nothing and a shard that fails
   * to load is indexed again from the documents.
   */
  versions(): Map<string, number> {
    return this.known;
  }

  get residentShards(): number {
    return this.resident.size;
  }

  get residentEstimateBytes(): number {
    return this.residentBytes + (this.snapshot?.residentBytes ?? 0);
  }

  /** Makes `known` say exactly these contracts (and versions) for shard `no`. */
  private setKnown(no: number, contracts: Iterable<[string, number]>): void {
    const ids = new Set<string>();
    for (const [id, v] of contracts) {
      ids.add(id);
      this.known.set(id, v);
    }
    for (const id of this.knownByShard.get(no) ?? []) if (!ids.has(id)) this.known.delete(id);
    this.knownByShard.set(no, ids);
  }

  private knownIn(no: number): Set<string> {
    let ids = this.knownByShard.get(no);
    if (!ids) this.knownByShard.set(no, (ids = new Set()));
    return ids;
  }

  private file(no: number): string {
    return path.join(this.options.dir, `shard-${String(no).padStart(4, '0')}.json`);
  }

  private metaFile(no: number): string {
    return path.join(this.options.dir, `shard-${String(no).padStart(4, '0')}.meta.json`);
  }

  private readMeta(no: number): ShardMeta | undefined {
    try {
      const meta = JSON.parse(readFileSync(this.metaFile(no), 'utf8')) as ShardMeta;
      return meta.format === INDEX_FORMAT ? meta : undefined;
    } catch {
      return undefined;
    }
  }

  /** mtime:size of the shard's file ('' when none): how a change by any process is noticed. */
  private diskStamp(no: number): string {
    return fileStamp(this.file(no));
  }

  private load(no: number): Resident {
    const stamp = this.diskStamp(no);
    if (stamp) {
      try {
        const raw = readFileSync(this.file(no), 'utf8');
        const data = JSON.parse(raw) as ShardFile;
        if (data.format === INDEX_FORMAT) {
          const contracts = new Map<string, ContractEntry>();
          const passages = new Map<number, StoredPassage>();
          for (const c of data.contracts) {
            contracts.set(c.id, { version: c.version, text: c.text, ids: c.passages.map((p) => p[0]) });
            for (const [id, passageIndex, start, end] of c.passages) passages.set(id, { contractId: c.id, passageIndex, start, end });
          }
          // A contract this process indexed but another process's newer file lacks is indexed again by the next sync.
          this.setKnown(
            no,
            data.contracts.map((c) => [c.id, c.version] as [string, number]),
          );
          const index = MiniSearch.loadJS<PassageDoc>(data.index as Parameters<typeof MiniSearch.loadJS>[0], SHARD_OPTIONS);
          this.loads++;
          return { no, index, contracts, passages, nextId: data.nextId, bytes: Math.round(raw.length * HEAP_PER_FILE_BYTE), diskStamp: stamp, dirty: false };
        }
        throw new Error(`format ${String(data.format)} is not ${INDEX_FORMAT}`);
      } catch (err) {
        this.options.onError?.(err, `loading search shard ${no}`);
        // Its contracts are no longer known, so the next sync indexes them again from the documents.
        this.setKnown(no, []);
      }
    }
    return { no, index: newShard(), contracts: new Map(), passages: new Map(), nextId: 1, bytes: 0, diskStamp: '', dirty: false };
  }

  /** The shard, resident and current: loaded if absent, reloaded if another process wrote a newer file. */
  private shard(no: number): Resident {
    let r = this.resident.get(no);
    if (r && !r.dirty && r.diskStamp !== this.diskStamp(no)) {
      this.drop(r);
      r = undefined;
    }
    if (!r) {
      r = this.load(no);
      this.residentBytes += r.bytes;
    }
    this.resident.delete(no);
    this.resident.set(no, r);
    this.enforceCap(no);
    return r;
  }

  private drop(r: Resident): void {
    this.resident.delete(r.no);
    this.residentBytes -= r.bytes;
  }

  private enforceCap(keep: number): void {
    for (const r of this.resident.values()) {
      if (this.residentEstimateBytes <= this.options.maxResidentBytes) return;
      if (r.no === keep) continue;
      if (r.dirty) {
        try {
          this.persist(r);
        } catch (err) {
          // A question must not fail for a full disk: the shard's changes are dropped and its
          // contracts forgotten, so the next sync indexes them again.
          this.options.onError?.(err, `persisting search shard ${r.no}`);
          this.setKnown(r.no, []);
        }
      }
      this.drop(r);
      this.evictions++;
    }
  }

  private persist(r: Resident): void {
    const data: ShardFile = {
      format: INDEX_FORMAT,
      content: contentVersion(r.contracts),
      nextId: r.nextId,
      contracts: [...r.contracts].map(([id, c]) => ({
        id,
        version: c.version,
        text: c.text,
        passages: c.ids.map((pid) => {
          const p = r.passages.get(pid)!;
          return [pid, p.passageIndex, p.start, p.end] as [number, number, number, number];
        }),
      })),
      index: r.index.toJSON(),
    };
    const raw = JSON.stringify(data);
    writeAtomic(this.file(r.no), raw);
    const meta: ShardMeta = { format: INDEX_FORMAT, content: data.content, contracts: Object.fromEntries([...r.contracts].map(([id, c]) => [id, c.version])) };
    writeAtomic(this.metaFile(r.no), JSON.stringify(meta));
    this.residentBytes += Math.round(raw.length * HEAP_PER_FILE_BYTE) - r.bytes;
    r.bytes = Math.round(raw.length * HEAP_PER_FILE_BYTE);
    r.diskStamp = this.diskStamp(r.no);
    r.dirty = false;
  }

  /** Writes every changed shard now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    let wrote = false;
    for (const r of this.resident.values()) {
      if (!r.dirty) continue;
      this.persist(r);
      wrote = true;
    }
    if (wrote) this.scheduleTermIndex();
  }

  private schedule(): void {
    const delay = this.options.persistDelayMs ?? 1_000;
    if (delay <= 0 || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.flush();
      } catch (err) {
        this.options.onError?.(err, 'persisting search shards');
      }
    }, delay);
    this.timer.unref();
  }

  private removeFrom(r: Resident, contractId: string): void {
    const c = r.contracts.get(contractId);
    if (!c) return;
    for (const id of c.ids) {
      r.index.discard(id);
      r.passages.delete(id);
    }
    r.contracts.delete(contractId);
    r.dirty = true;
  }

  index(contracts: Iterable<ContractText>): void {
    let changed = false;
    for (const { contractId, text, version: given } of contracts) {
      const version = given ?? textVersion(text);
      const r = this.shard(shardOfContract(contractId, this.options.shards));
      if (r.contracts.get(contractId)?.version === version) continue; // already built (maybe by another process)
      this.removeFrom(r, contractId);
      const ids: number[] = [];
      // Page footers are blanked (same offsets) so their words and dates are not indexed; hits quote the original.
      const clean = blankPageFooters(text);
      for (const seg of segmentClauses(clean, this.options.segment)) {
        const id = r.nextId++;
        ids.push(id);
        r.passages.set(id, { contractId, passageIndex: seg.index, start: seg.start, end: seg.end });
        r.index.add({ id, heading: seg.heading ?? '', text: clean.slice(seg.start, seg.end) });
      }
      r.contracts.set(contractId, { version, text, ids });
      r.dirty = true;
      changed = true;
      this.known.set(contractId, version);
      this.knownIn(r.no).add(contractId);
      // Until it is written, a changed shard's size is estimated from its text.
      const estimate = Math.max(r.bytes, text.length * 16);
      this.residentBytes += estimate - r.bytes;
      r.bytes = estimate;
    }
    if (changed) this.schedule();
  }

  remove(contractId: string): void {
    const r = this.shard(shardOfContract(contractId, this.options.shards));
    if (!r.contracts.has(contractId)) return;
    this.removeFrom(r, contractId);
    this.known.delete(contractId);
    this.knownIn(r.no).delete(contractId);
    this.schedule();
  }

  private *views(shardNos: Iterable<number>): Generator<ShardView> {
    for (const no of shardNos) {
      const r = this.shard(no);
      yield { index: r.index, passage: (id) => r.passages.get(id), text: (id) => r.contracts.get(id)?.text ?? '' };
    }
  }

  search(query: string, options: ClauseSearchOptions): PassageHit[] {
    const allowed = options.contractIds ? new Set(options.contractIds) : undefined;
    if (allowed && allowed.size === 0) return [];
    const n = this.options.shards;
    const shardNos = allowed ? [...new Set([...allowed].map((id) => shardOfContract(id, n)))].sort((a, b) => a - b) : Array.from({ length: n }, (_, i) => i);
    const snapshot = shardNos.length >= (this.options.termIndex?.minShards ?? 16) ? this.currentSnapshot() : undefined;
    if (!snapshot) return searchShards(query, options, allowed, this.views(shardNos), this.options, this.openingBoost);
    // Shards unchanged since the snapshot are answered from it; the others are searched themselves.
    const changed = shardNos.filter((no) => this.resident.get(no)?.dirty || snapshot.shardStamp(no) !== this.diskStamp(no));
    const changedSet = new Set(changed);
    this.termSearches++;
    return searchShards(query, options, allowed, this.views(changed), this.options, this.openingBoost, (expanded, pool) =>
      snapshot
        .search({
          text: expanded.text,
          allowed,
          opening: expanded.opening ? this.openingBoost : undefined,
          skipShard: (no) => changedSet.has(no) || no >= n,
          pool,
        })
        .map(({ score, text, ...p }) => ({ score, text, p: { contractId: p.contractId, passageIndex: p.passageIndex, start: p.start, end: p.end } })),
    );
  }

  /** The current term-index snapshot (reopened when another process made a newer one), if any. */
  private currentSnapshot(): TermIndexSnapshot | undefined {
    const dir = currentSnapshotDir(this.options.dir);
    if (this.snapshot?.dir === dir) return this.snapshot;
    this.snapshot?.close();
    this.snapshot = undefined;
    // A snapshot that failed to open is not retried (one warn); the next build replaces it.
    if (!dir || dir === this.unreadableSnapshot) return undefined;
    try {
      this.snapshot = TermIndexSnapshot.open(this.options.dir);
    } catch (err) {
      this.unreadableSnapshot = dir;
      this.options.onError?.(err, 'opening the term index');
      this.scheduleTermIndex();
    }
    return this.snapshot;
  }

  /** Shards whose file differs from what the snapshot holds (all of them when there is none). */
  staleShards(): number {
    const snapshot = this.currentSnapshot();
    let stale = 0;
    for (let no = 0; no < this.options.shards; no++) {
      const stamp = this.diskStamp(no);
      if ((snapshot?.shardStamp(no) ?? '') !== stamp) stale++;
    }
    return stale;
  }

  private scheduleTermIndex(): void {
    const delay = this.options.termIndex?.rebuildAfterMs ?? 30_000;
    if (delay <= 0 || this.closed) return;
    if (this.termTimer) clearTimeout(this.termTimer);
    this.termTimer = setTimeout(() => {
      this.termTimer = undefined;
      const maxStale = this.options.termIndex?.maxStaleShards ?? Math.max(4, Math.floor(this.options.shards / 64));
      const stale = this.staleShards();
      if (stale === 0 || (this.snapshot && stale <= maxStale)) return;
      this.rebuildTermIndex().catch((err) => this.options.onError?.(err, 'building the term index'));
    }, delay);
    this.termTimer.unref();
  }

  /**
   * Writes changed shards, then builds a new term-index snapshot from the persisted shards, one
   * shard per turn of the event loop, and makes it current. One build at a time per data folder
   * (a lock file; one older than 15 minutes is taken over).
   */
  rebuildTermIndex(): Promise<void> {
    this.building ??= this.buildNow().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private async buildNow(): Promise<void> {
    this.flush();
    // The build holds the postings it collects (about a third of the shards' size): the resident
    // shards make room for it and are reloaded when a question needs them again.
    for (const r of [...this.resident.values()]) if (!r.dirty) this.drop(r);
    const lock = path.join(this.options.dir, 'terms.lock');
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch {
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 15 * 60_000) return;
      writeFileSync(lock, String(process.pid));
    }
    const started = performance.now();
    try {
      const built = await buildTermIndex(this.options.dir, {
        shards: this.options.shards,
        stamp: (no) => this.diskStamp(no),
        read: (no) => {
          if (this.closed) throw new Error('the retriever was closed');
          const stamp = this.diskStamp(no);
          if (!stamp) return undefined;
          try {
            const data = JSON.parse(readFileSync(this.file(no), 'utf8')) as ShardFileData & { format: string };
            return data.format === INDEX_FORMAT ? { stamp, data } : undefined;
          } catch (err) {
            this.options.onError?.(err, `reading search shard ${no} for the term index`);
            return undefined;
          }
        },
      });
      if (built)
        this.options.onTermIndexBuilt?.({ passages: built.passages, terms: built.terms, bytes: built.bytes, ms: Math.round(performance.now() - started) });
    } finally {
      rmSync(lock, { force: true });
    }
  }

  /** Stops background work (the persist and term-index timers) and closes the term index. */
  close(): void {
    this.closed = true;
    if (this.termTimer) clearTimeout(this.termTimer);
    this.termTimer = undefined;
    this.snapshot?.close();
    this.snapshot = undefined;
  }
}
