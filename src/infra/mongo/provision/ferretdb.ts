import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, waitForPort } from './free-port.js';

const run = promisify(execFile);

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
const PATCH_NAME = 'sqlite-pushdown.patch';
/** What a first build takes on a 2-core machine with an empty Go cache (downloads included). */
const EXPECTED_BUILD_SECONDS = 150;

export interface ProvisionLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
}

/** The filter-pushdown patch applied to FerretDB's SQLite backend (see the patch's header). */
export interface FerretDbPatch {
  path: string;
  /** The first 12 hex digits of the patch's SHA-256: part of the binary's cache path. */
  hash: string;
}

/**
 * The patch file: next to this module when run from `src/` (tsx, jest), or in the repository's
 * `src/` when run from the compiled `dist/src/` (`npm start`).
 */
export function ferretDbPatch(): FerretDbPatch | undefined {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [
    join(here, 'ferretdb', PATCH_NAME),
    join(here, '..', '..', '..', '..', '..', 'src', 'infra', 'mongo', 'provision', 'ferretdb', PATCH_NAME),
  ];
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const hash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12);
    return { path, hash };
  }
  return undefined;
}

/** Where a build lives: the stock one in `ferretdb-v1.24.2/`, a patched one in `ferretdb-v1.24.2-pushdown-<hash>/`. */
function ferretDbBuildDir(cacheDir: string, patch?: FerretDbPatch): string {
  return join(cacheDir, patch ? `ferretdb-${FERRETDB_VERSION}-pushdown-${patch.hash}` : `ferretdb-${FERRETDB_VERSION}`);
}

function ferretDbBinaryPath(cacheDir: string, patch?: FerretDbPatch): string {
  return join(ferretDbBuildDir(cacheDir, patch), 'ferretdb');
}

async function hasGo(): Promise<boolean> {
  try {
    await run('go', ['version']);
    return true;
  } catch {
    return false;
  }
}

/** A lock file so two processes (a test run and `npm start`) never build at the same time. */
async function withBuildLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dir, { recursive: true });
  const lockPath = join(dir, '.build.lock');
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.close();
      break;
    } catch {
      // A lock older than 15 minutes belongs to a build that died.
      const info = await stat(lockPath).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > 15 * 60_000) await rm(lockPath, { force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the FerretDB build lock ${lockPath}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockPath, { force: true });
  }
}

/** Logs every 15 s while a build step runs: which step, time so far, and the expected total. */
async function withProgress<T>(logger: ProvisionLogger, step: string, started: number, fn: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    const elapsed = Math.round((Date.now() - started) / 1000);
    logger.info(
      { step, elapsedSeconds: elapsed, expectedSeconds: EXPECTED_BUILD_SECONDS },
      `still building FerretDB (${step}): ${elapsed} s so far, usually about ${EXPECTED_BUILD_SECONDS} s the first time`,
    );
  }, 15_000);
  timer.unref();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}

/**
 * Fetches FerretDB's module source through the Go module proxy (`go mod download`, into Go's
 * module cache), copies it to `src`, writes `version.txt` and applies the patch, if any.
 */
export async function prepareFerretDbSource(workDir: string, src: string, patch: FerretDbPatch | undefined): Promise<void> {
  const { stdout } = await run('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
    cwd: workDir,
    env: { ...process.env, GOFLAGS: '-mod=mod' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error('go mod download did not report the FerretDB module folder');
  await rm(src, { recursive: true, force: true });
  await cp(moduleDir, src, { recursive: true });
  await run('chmod', ['-R', 'u+w', src]);
  await writeFile(join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  // `git apply` works outside a repository, like `patch -p1`, and is there wherever the repository is.
  if (patch) await run('git', ['apply', '--whitespace=nowarn', patch.path], { cwd: src });
}

export interface FerretDbBuildOptions {
  /** Apply the filter-pushdown patch (the default); `false` builds stock FerretDB (the differential test). */
  patched?: boolean;
}

/**
 * Builds FerretDB once into the cache folder and returns the binary's path.
 *
 * `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` is the documented way, but the
 * module's published zip has no `build/version/version.txt` (it is generated in FerretDB's own
 * build), and a binary built from it panics at start-up. So we fetch the same module through the
 * Go module proxy (`go mod download`), write `version.txt`, apply the filter-pushdown patch
 * (`ferretdb/sqlite-pushdown.patch`), and build `./cmd/ferretdb` from it. Its go.mod names
 * toolchain go1.24.3; a newer local Go builds it, and if it does not we retry with
 * GOTOOLCHAIN=go1.24.3, which the module proxy also serves.
 */
export async function ensureFerretDbBinary(cacheDir: string, logger: ProvisionLogger, options: FerretDbBuildOptions = {}): Promise<string | undefined> {
  let patch: FerretDbPatch | undefined;
  if (options.patched !== false) {
    patch = ferretDbPatch();
    if (!patch) logger.warn({ patch: PATCH_NAME }, 'the FerretDB filter-pushdown patch was not found: using stock FerretDB (every look-up scans a table)');
  }
  const binary = ferretDbBinaryPath(cacheDir, patch);
  if (existsSync(binary)) return binary;
  if (!(await hasGo())) {
    // A cache filled before the patch existed still has a working stock build.
    const stock = ferretDbBinaryPath(cacheDir);
    if (!patch || !existsSync(stock)) return undefined;
    logger.warn(
      { binary: stock },
      'Go is not installed, so the patched FerretDB cannot be built: using the stock build in the cache (every look-up scans a table)',
    );
    return stock;
  }
  const dir = ferretDbBuildDir(cacheDir, patch);
  return withBuildLock(dir, async () => {
    if (existsSync(binary)) return binary;
    const started = Date.now();
    logger.info(
      { version: FERRETDB_VERSION, patch: patch ? `${PATCH_NAME} (${patch.hash})` : 'none', dir, expectedSeconds: EXPECTED_BUILD_SECONDS },
      `building FerretDB once: go mod download, then go build (usually about ${EXPECTED_BUILD_SECONDS} s on 2 cores the first time, less with a warm Go cache)`,
    );
    const src = join(dir, 'src');
    await withProgress(logger, 'go mod download', started, () => prepareFerretDbSource(dir, src, patch));
    logger.info({ elapsedSeconds: Math.round((Date.now() - started) / 1000) }, 'FerretDB source ready; compiling (go build)');
    const tmpBinary = `${binary}.tmp-${process.pid}`;
    const build = (extraEnv: NodeJS.ProcessEnv) =>
      run('go', ['build', '-trimpath', '-o', tmpBinary, './cmd/ferretdb'], {
        cwd: src,
        env: { ...process.env, ...extraEnv },
        maxBuffer: 16 * 1024 * 1024,
      });
    await withProgress(logger, 'go build', started, async () => {
      try {
        await build({});
      } catch (error) {
        logger.warn({ err: String(error) }, 'building FerretDB with the local Go failed; retrying with GOTOOLCHAIN=go1.24.3');
        await build({ GOTOOLCHAIN: 'go1.24.3' });
      }
    });
    await chmod(tmpBinary, 0o755);
    await rename(tmpBinary, binary);
    await rm(src, { recursive: true, force: true });
    logger.info({ seconds: Math.round((Date.now() - started) / 1000), binary }, 'FerretDB built');
    return binary;
  });
}

export interface FerretDbProcess {
  uri: string;
  /** The supervisor's process id (changes on restart); SIGTERM to it stops the server. */
  readonly pid: number | undefined;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
  /** Starts it again on the same port and data (after stop). */
  restart(): Promise<void>;
}

/**
 * A small supervisor in sh: starts the server (`$0 "$@"`), stops it on SIGTERM/SIGINT, and stops
 * it when its own stdin (a pipe from the Node process that started it) closes, which happens
 * when that process exits for any reason, SIGKILL included. So the database never outlives the
 * service that started it. (PR_SET_PDEATHSIG, e.g. `setpriv --pdeathsig`, did not fire here.)
 */
const SUPERVISOR = [
  'exec 3<&0',
  '"$0" "$@" </dev/null & server=$!',
  "trap 'kill -TERM $server 2>/dev/null' TERM INT",
  '( cat <&3 >/dev/null; kill -TERM $server 2>/dev/null ) &',
  'while kill -0 $server 2>/dev/null; do wait $server; done',
].join('\n');

/** Runs FerretDB with its SQLite backend on a loopback port, keeping data in `dataDir`, under SUPERVISOR. */
export async function startFerretDb(binary: string, dataDir: string, port?: number): Promise<FerretDbProcess> {
  await mkdir(dataDir, { recursive: true });
  const listenPort = port ?? (await freePort());
  let child: ChildProcess | undefined;
  let exited = false;
  let output = '';

  const launch = async () => {
    exited = false;
    output = '';
    child = spawn(
      '/bin/sh',
      [
        '-c',
        SUPERVISOR,
        binary,
        '--handler=sqlite',
        `--sqlite-url=file:${dataDir.endsWith('/') ? dataDir : `${dataDir}/`}`,
        `--listen-addr=127.0.0.1:${listenPort}`,
        '--telemetry=disable',
        `--state-dir=${dataDir}`,
        '--debug-addr=-',
        '--log-level=warn',
      ],
      // stdin stays open for the server's lifetime: its end is the supervisor's signal to stop.
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', () => {
      exited = true;
    });
    try {
      await waitForPort(listenPort, 30_000, () => !exited);
    } catch (error) {
      child.stdin?.end();
      child.kill('SIGKILL');
      throw new Error(`FerretDB did not start: ${(error as Error).message}\n${output}`);
    }
  };

  const stop = async () => {
    const c = child;
    if (!c || exited) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
      c.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      c.kill('SIGTERM');
      c.stdin?.end();
    });
  };

  await launch();
  return {
    get pid() {
      return child?.pid;
    },
    uri: `mongodb://127.0.0.1:${listenPort}/`,
    port: listenPort,
    dataDir,
    stop,
    restart: launch,
  };
}
