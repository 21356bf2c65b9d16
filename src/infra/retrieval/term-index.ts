import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import type { PassageHit } from '../../core/ports/clause-retriever.js';
import { SHARD_OPTIONS } from './minisearch-retriever.js';

/**
 * The term-partitioned companion of the sharded index: one snapshot of every persisted shard's
 * postings, organised by term, so a question over many contracts reads only its own terms'
 * postings instead of loading every shard. Scores are the shards' own: BM25 with each shard's
 * document count, average field lengths and document frequencies, computed as MiniSearch computes
 * them, so a passage scores exactly what a search of its shard gives it (tests compare both).
 *
 * A snapshot is a folder `terms/snap-…` with `meta.json` (shards, contracts, the term directory),
 * `passages.bin` (per passage: shard, field lengths, contract, position, text location),
 * `postings.bin` (per field and term: passage numbers, then term frequencies) and `texts.bin` (each
 * passage's quoted text, UTF-8). `terms/CURRENT` names the current one; it is replaced atomically.
 * A shard changed since the snapshot (its file's mtime and size differ) is searched directly.
 */
const TERM_INDEX_FORMAT = 'clause-terms-1';

const FIELDS = SHARD_OPTIONS.fields; // ['text', 'heading']
const FIELD_BOOST = FIELDS.map((f) => (SHARD_OPTIONS.searchOptions.boost as Record<string, number>)[f] ?? 1);
const { k: BM25_K, b: BM25_B, d: BM25_D } = SHARD_OPTIONS.searchOptions.bm25;
const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** Columns of `passages.bin` (Uint32 each). */
const COL = { shard: 0, lenText: 1, lenHeading: 2, contract: 3, passageIndex: 4, start: 5, end: 6, textLo: 7, textHi: 8, textBytes: 9 } as const;
const COLS = 10;

interface SnapshotMeta {
  format: string;
  createdAt: string;
  passages: number;
  contracts: string[];
  /** Per shard: document count, average text and heading lengths, the file stamp it was read at. */
  shards: Array<{ n: number; avgText: number; avgHeading: number; stamp: string } | null>;
  /** `<fieldId>:<term>` -> [byte offset in postings.bin, postings]. */
  terms: Record<string, [number, number]>;
}

/** A persisted shard file as the term index reads it (the sharded retriever's layout). */
export interface ShardFileData {
  contracts: Array<{ id: string; text: string; passages: Array<[number, number, number, number]> }>;
  index: {
    documentCount: number;
    documentIds: Record<string, number>;
    fieldIds: Record<string, number>;
    fieldLength: Record<string, number[]>;
    averageFieldLength: number[];
    index: Array<[string, Record<string, Record<string, number>>]>;
  };
}

interface TermIndexBuildSource {
  shards: number;
  /** The shard's file stamp (mtime:size; '' when none) and its parsed content, or undefined when it has none. */
  read(no: number): { stamp: string; data: ShardFileData } | undefined;
  stamp(no: number): string;
}

class Growable {
  ids = new Uint32Array(8);
  tfs = new Uint16Array(8);
  length = 0;
  push(id: number, tf: number): void {
    if (this.length === this.ids.length) {
      // Grown by a quarter: at most 25 % unused while building (10,000 contracts: ~34 M postings).
      const size = this.length + Math.max(8, this.length >> 2);
      const ids = new Uint32Array(size);
      ids.set(this.ids);
      this.ids = ids;
      const tfs = new Uint16Array(size);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.ids[this.length] = id;
    this.tfs[this.length++] = Math.min(tf, 65_535);
  }
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Builds a snapshot from the persisted shards, one shard per turn of the event loop (a shard is
 * ~1 MB of JSON), and makes it current. Returns its folder, or undefined when nothing is indexed.
 */
export async function buildTermIndex(
  root: string,
  source: TermIndexBuildSource,
  opts: { yieldEvery?: number } = {},
): Promise<{ dir: string; passages: number; terms: number; bytes: number } | undefined> {
  const termsRoot = path.join(root, 'terms');
  mkdirSync(termsRoot, { recursive: true });
  const snap = path.join(termsRoot, `snap-${Date.now()}-${process.pid}`);
  const tmp = `${snap}.tmp`;
  // Half-written snapshots of a build that died (the caller holds the build lock, so none is live).
  for (const name of readdirSync(termsRoot))
    if (name.startsWith('snap-') && name.endsWith('.tmp')) rmSync(path.join(termsRoot, name), { recursive: true, force: true });
  mkdirSync(tmp);
  const postings = new Map<string, Growable>();
  const contracts: string[] = [];
  const contractNo = new Map<string, number>();
  const shards: SnapshotMeta['shards'] = [];
  let cols = new Uint32Array(COLS * 1024);
  let passages = 0;
  const textFd = openSync(path.join(tmp, 'texts.bin'), 'w');
  let textBytes = 0;
  try {
    for (let no = 0; no < source.shards; no++) {
      if (opts.yieldEvery !== 0 && no % (opts.yieldEvery ?? 1) === 0) await yieldToLoop();
      const got = source.read(no);
      if (!got) {
        shards.push(null);
        continue;
      }
      const { data } = got;
      const mini = data.index;
      // A file replaced while it was read is recorded as stale: the search reads that shard itself.
      const stamp = source.stamp(no) === got.stamp ? got.stamp : '';
      const textId = mini.fieldIds.text!;
      const headingId = mini.fieldIds.heading!;
      shards.push({ n: mini.documentCount, avgText: mini.averageFieldLength[textId] ?? 0, avgHeading: mini.averageFieldLength[headingId] ?? 0, stamp });
      // The shard's passage ids -> global passage numbers; MiniSearch short ids -> passage ids.
      const globalOf = new Map<number, number>();
      for (const c of data.contracts) {
        let cn = contractNo.get(c.id);
        if (cn === undefined) {
          cn = contracts.length;
          contracts.push(c.id);
          contractNo.set(c.id, cn);
        }
        for (const [pid, passageIndex, start, end] of c.passages) {
          if (cols.length < (passages + 1) * COLS) {
            const grown = new Uint32Array(cols.length * 2);
            grown.set(cols);
            cols = grown;
          }
          const quote = Buffer.from(c.text.slice(start, end), 'utf8');
          writeSync(textFd, quote);
          const o = passages * COLS;
          cols[o + COL.shard] = no;
          cols[o + COL.contract] = cn;
          cols[o + COL.passageIndex] = passageIndex;
          cols[o + COL.start] = start;
          cols[o + COL.end] = end;
          cols[o + COL.textLo] = textBytes % 2 ** 32;
          cols[o + COL.textHi] = Math.floor(textBytes / 2 ** 32);
          cols[o + COL.textBytes] = quote.length;
          textBytes += quote.length;
          globalOf.set(pid, passages++);
        }
      }
      const byShort = new Map<string, number>();
      for (const [shortId, pid] of Object.entries(mini.documentIds)) {
        const g = globalOf.get(pid);
        if (g === undefined) continue;
        byShort.set(shortId, g);
        const lengths = mini.fieldLength[shortId] ?? [];
        cols[g * COLS + COL.lenText] = lengths[textId] ?? 0;
        cols[g * COLS + COL.lenHeading] = lengths[headingId] ?? 0;
      }
      for (const [term, fields] of mini.index) {
        for (const [fieldId, freqs] of Object.entries(fields)) {
          const key = `${fieldId === String(textId) ? 0 : 1}:${term}`;
          let list = postings.get(key);
          // Discarded documents' postings (not yet vacuumed) are left out: they never score.
          for (const [shortId, tf] of Object.entries(freqs)) {
            const g = byShort.get(shortId);
            if (g === undefined) continue;
            if (!list) postings.set(key, (list = new Growable()));
            list.push(g, tf);
          }
        }
      }
    }
  } finally {
    closeSync(textFd);
  }
  if (passages === 0) {
    rmSync(tmp, { recursive: true, force: true });
    return undefined;
  }
  writeFileSync(path.join(tmp, 'passages.bin'), cols.subarray(0, passages * COLS));
  const terms: SnapshotMeta['terms'] = {};
  const postFd = openSync(path.join(tmp, 'postings.bin'), 'w');
  let offset = 0;
  try {
    for (const [key, list] of postings) {
      // Passage numbers ascend within a list (shards and their passages were numbered in order).
      terms[key] = [offset, list.length];
      const ids = Buffer.from(list.ids.buffer, 0, list.length * 4);
      const tfs = Buffer.from(list.tfs.buffer, 0, list.length * 2);
      const pad = (4 - (tfs.length % 4)) % 4;
      writeSync(postFd, ids);
      writeSync(postFd, tfs);
      if (pad) writeSync(postFd, Buffer.alloc(pad));
      offset += ids.length + tfs.length + pad;
    }
  } finally {
    closeSync(postFd);
  }
  const meta: SnapshotMeta = { format: TERM_INDEX_FORMAT, createdAt: new Date().toISOString(), passages, contracts, shards, terms };
  writeFileSync(path.join(tmp, 'meta.json'), JSON.stringify(meta));
  renameSync(tmp, snap);
  const current = path.join(termsRoot, 'CURRENT');
  const currentTmp = `${current}.${process.pid}.tmp`;
  writeFileSync(currentTmp, path.basename(snap));
  renameSync(currentTmp, current);
  // Older snapshots go; a process still reading one keeps its open files (POSIX unlink semantics).
  for (const name of readdirSync(termsRoot)) {
    if (name.startsWith('snap-') && name !== path.basename(snap) && !name.endsWith('.tmp'))
      rmSync(path.join(termsRoot, name), { recursive: true, force: true });
  }
  return { dir: snap, passages, terms: postings.size, bytes: offset + textBytes + passages * COLS * 4 };
}

/** The snapshot named by `terms/CURRENT`, or undefined. */
export function currentSnapshotDir(root: string): string | undefined {
  try {
    const name = readFileSync(path.join(root, 'terms', 'CURRENT'), 'utf8').trim();
    const dir = path.join(root, 'terms', name);
    return /^snap-[\w-]+$/.test(name) && existsSync(path.join(dir, 'meta.json')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

interface TermIndexQuery {
  /** The expanded query text, as given to MiniSearch. */
  text: string;
  allowed: ReadonlySet<string> | undefined;
  /** Multipliers for a contract's first passages (the opening boost of title/party/date questions). */
  opening: readonly number[] | undefined;
  /** Shards searched elsewhere (changed since the snapshot): their passages are skipped here. */
  skipShard: (no: number) => boolean;
  pool: number;
}

/** A loaded snapshot: the term directory and passage table in memory, postings and texts read on demand. */
export class TermIndexSnapshot {
  readonly dir: string;
  private readonly meta: SnapshotMeta;
  private readonly cols: Uint32Array;
  private readonly postingsFd: number;
  private readonly textsFd: number;
  private readonly allowedContract: Uint8Array;
  private readonly shardStats: { docCount: Float64Array; avgText: Float64Array; avgHeading: Float64Array };
  private closed = false;
  // Scratch buffers reused by every search (one search at a time: search is synchronous).
  private readonly acc: Float64Array;
  private readonly termScore: Float64Array;
  private readonly quality: Uint16Array;
  private readonly touchedMark: Uint32Array;
  private stamp = 0;

  private constructor(dir: string) {
    this.dir = dir;
    this.meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as SnapshotMeta;
    if (this.meta.format !== TERM_INDEX_FORMAT) throw new Error(`term index format ${this.meta.format} is not ${TERM_INDEX_FORMAT}`);
    const raw = readFileSync(path.join(dir, 'passages.bin'));
    this.cols = new Uint32Array(raw.buffer, raw.byteOffset, raw.length / 4);
    this.postingsFd = openSync(path.join(dir, 'postings.bin'), 'r');
    this.textsFd = openSync(path.join(dir, 'texts.bin'), 'r');
    const p = this.meta.passages;
    this.acc = new Float64Array(p);
    this.termScore = new Float64Array(p);
    this.quality = new Uint16Array(p);
    this.touchedMark = new Uint32Array(p);
    this.allowedContract = new Uint8Array(this.meta.contracts.length);
    const n = this.meta.shards.length;
    this.shardStats = { docCount: new Float64Array(n), avgText: new Float64Array(n), avgHeading: new Float64Array(n) };
    for (const [i, shard] of this.meta.shards.entries()) {
      if (!shard) continue;
      this.shardStats.docCount[i] = shard.n;
      this.shardStats.avgText[i] = shard.avgText;
      this.shardStats.avgHeading[i] = shard.avgHeading;
    }
  }

  static open(root: string): TermIndexSnapshot | undefined {
    const dir = currentSnapshotDir(root);
    return dir ? new TermIndexSnapshot(dir) : undefined;
  }

  get passages(): number {
    return this.meta.passages;
  }

  get contracts(): number {
    return this.meta.contracts.length;
  }

  /** Heap held: the passage table, the scratch buffers and the term directory (estimated). */
  get residentBytes(): number {
    return this.cols.byteLength + this.meta.passages * (8 + 8 + 2 + 4) + Object.keys(this.meta.terms).length * 120 + this.meta.contracts.length * 60;
  }

  /** The file stamp a shard had when the snapshot read it ('' when it had none or changed meanwhile; undefined when out of range). */
  shardStamp(no: number): string | undefined {
    const s = this.meta.shards[no];
    return s === undefined ? undefined : (s?.stamp ?? '');
  }

  get shardCount(): number {
    return this.meta.shards.length;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.postingsFd);
    closeSync(this.textsFd);
  }

  private postings(key: string): { ids: Uint32Array; tfs: Uint16Array } | undefined {
    const entry = this.meta.terms[key];
    if (!entry) return undefined;
    const [offset, count] = entry;
    // Read straight into a 4-byte-aligned buffer: passage numbers (Uint32) then frequencies (Uint16).
    const aligned = new ArrayBuffer(count * 6 + ((4 - ((count * 6) % 4)) % 4));
    const buf = new Uint8Array(aligned, 0, count * 6);
    let read = 0;
    while (read < buf.length) {
      const n = readSync(this.postingsFd, buf, read, buf.length - read, offset + read);
      if (n === 0) throw new Error(`term index ${this.dir} is truncated`);
      read += n;
    }
    return { ids: new Uint32Array(aligned, 0, count), tfs: new Uint16Array(aligned, count * 4, count) };
  }

  private quote(g: number): string {
    const o = g * COLS;
    const bytes = this.cols[o + COL.textBytes]!;
    const at = this.cols[o + COL.textLo]! + this.cols[o + COL.textHi]! * 2 ** 32;
    const buf = Buffer.allocUnsafe(bytes);
    let read = 0;
    while (read < bytes) {
      const n = readSync(this.textsFd, buf, read, bytes - read, at + read);
      if (n === 0) throw new Error(`term index ${this.dir} is truncated`);
      read += n;
    }
    return buf.toString('utf8');
  }

  /**
   * The best `pool` passages of the snapshot's unchanged shards for the query, scored exactly as
   * MiniSearch scores them within their shard (BM25+ with the shard's statistics, the heading
   * boost, the access filter and position boost as `boostDocument`, OR-combined term scores times
   * the number of distinct query terms matched).
   */
  search(q: TermIndexQuery): PassageHit[] {
    const { cols, acc, termScore, quality, touchedMark } = this;
    const meta = this.meta;
    const shardN = meta.shards.length;
    const allowedContract = this.allowedContract;
    allowedContract.fill(q.allowed ? 0 : 1);
    if (q.allowed) {
      const index = this.contractIndex();
      for (const id of q.allowed) {
        const cn = index.get(id);
        if (cn !== undefined) allowedContract[cn] = 1;
      }
    }
    const skip = new Uint8Array(shardN);
    for (let s = 0; s < shardN; s++) if (!meta.shards[s] || q.skipShard(s)) skip[s] = 1;
    const df = new Uint32Array(shardN);
    const idf = new Float64Array(shardN);
    const { docCount, avgText, avgHeading } = this.shardStats;
    const filtered = q.allowed !== undefined;
    const opening = q.opening;
    const terms = tokenize(q.text)
      .flatMap((t) => SHARD_OPTIONS.processTerm(t) ?? [])
      .filter((t) => !!t);
    const seenTerm = new Set<string>();
    const cache = new Map<string, ReturnType<TermIndexSnapshot['postings']>>();
    const found: number[] = []; // passages with a score, in first-found order
    const best: Array<{ g: number; score: number }> = [];
    try {
      let firstOccurrence = true;
      const add = (g: number, w: number) => {
        if (quality[g] === 0) {
          acc[g] = w;
          quality[g] = 1;
          found.push(g);
        } else {
          acc[g] = acc[g]! + w;
          if (firstOccurrence) quality[g] = quality[g]! + 1;
        }
      };
      // Weights of one field's postings for the term: `visit(g, weight)` for each allowed passage.
      const scoreField = (field: number, list: { ids: Uint32Array; tfs: Uint16Array }, visit: (g: number, w: number) => void) => {
        const { ids, tfs } = list;
        df.fill(0);
        for (let i = 0; i < ids.length; i++) df[cols[ids[i]! * COLS + COL.shard]!]!++;
        // calcBM25Score of MiniSearch 7, operation for operation, so the floating-point result is
        // identical: the inverse document frequency per shard, then the term-frequency part per passage.
        for (let s = 0; s < shardN; s++) {
          const matchingCount = df[s]!;
          if (matchingCount) idf[s] = Math.log(1 + (docCount[s]! - matchingCount + 0.5) / (matchingCount + 0.5));
        }
        const fieldBoost = FIELD_BOOST[field]!;
        const lenCol = field === 0 ? COL.lenText : COL.lenHeading;
        const avgLen = field === 0 ? avgText : avgHeading;
        for (let i = 0; i < ids.length; i++) {
          const g = ids[i]!;
          const o = g * COLS;
          const s = cols[o + COL.shard]!;
          if (skip[s] || (filtered && !allowedContract[cols[o + COL.contract]!])) continue;
          const docBoost = opening ? (opening[cols[o + COL.passageIndex]!] ?? 1) : 1;
          if (!docBoost) continue;
          const tf = tfs[i]!;
          const rawScore = idf[s]! * (BM25_D + (tf * (BM25_K + 1)) / (tf + BM25_K * (1 - BM25_B + (BM25_B * cols[o + lenCol]!) / avgLen[s]!)));
          visit(g, 1 * 1 * fieldBoost * docBoost * rawScore);
        }
      };
      const postings = (key: string) => {
        if (!cache.has(key)) cache.set(key, this.postings(key));
        return cache.get(key);
      };
      for (const term of terms) {
        firstOccurrence = !seenTerm.has(term);
        seenTerm.add(term);
        this.stamp = (this.stamp + 1) >>> 0 || 1;
        const mark = this.stamp;
        // MiniSearch sums a term's fields text first, then heading, and adds that sum to the
        // passage's score: headings (few) are scored first and kept aside, then each text posting
        // adds text + heading at once, then the headings without a text posting are added.
        const headings = postings(`1:${term}`);
        const texts = postings(`0:${term}`);
        if (headings) {
          scoreField(1, headings, (g, w) => {
            touchedMark[g] = mark;
            termScore[g] = w;
          });
        }
        if (texts) {
          scoreField(0, texts, (g, w) => {
            if (touchedMark[g] === mark) {
              touchedMark[g] = 0;
              add(g, w + termScore[g]!);
            } else add(g, w);
          });
        }
        if (headings) {
          for (const g of headings.ids) {
            if (touchedMark[g] !== mark) continue;
            touchedMark[g] = 0;
            add(g, termScore[g]!);
          }
        }
      }
      // The best `pool` by score (ties: the lower passage number first), without sorting everything.
      const worse = (a: { g: number; score: number }, b: { g: number; score: number }) => a.score < b.score || (a.score === b.score && a.g > b.g);
      for (const g of found) {
        const score = acc[g]! * quality[g]!;
        if (best.length < q.pool) {
          best.push({ g, score });
          if (best.length === q.pool) best.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
        } else if (worse(best[best.length - 1]!, { g, score })) {
          let i = best.length - 1;
          best[i] = { g, score };
          while (i > 0 && worse(best[i - 1]!, best[i]!)) {
            [best[i - 1], best[i]] = [best[i]!, best[i - 1]!];
            i--;
          }
        }
      }
      best.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
    } finally {
      for (const g of found) quality[g] = 0;
    }
    return best.map(({ g, score }) => {
      const o = g * COLS;
      return {
        contractId: meta.contracts[cols[o + COL.contract]!]!,
        passageIndex: cols[o + COL.passageIndex]!,
        start: cols[o + COL.start]!,
        end: cols[o + COL.end]!,
        score,
        text: this.quote(g),
      };
    });
  }

  private contractIndexCache: Map<string, number> | undefined;
  private contractIndex(): Map<string, number> {
    this.contractIndexCache ??= new Map(this.meta.contracts.map((id, i) => [id, i]));
    return this.contractIndexCache;
  }
}

/** mtime:size of a file, '' when it does not exist: how a shard's change is noticed. */
export function fileStamp(file: string): string {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return '';
  }
}
