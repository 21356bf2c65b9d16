import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureFerretDbBinary, startFerretDb, type ProvisionLogger } from './ferretdb.js';
import { waitForPort } from './free-port.js';

const run = promisify(execFile);

type DatabaseKind = 'uri' | 'mongod' | 'ferretdb' | 'mongodb-memory-server';

export interface ProvisionedDatabase {
  kind: DatabaseKind;
  /** Connection string without a database name; callers pick the database. */
  uri: string;
  /** One line for the log: what it is and where its data lives. */
  description: string;
  stop(): Promise<void>;
}

export interface ProvisionOptions {
  /** MONGODB_URI, when set: used as it is. */
  uri?: string;
  /** Where an embedded server keeps its data; absent means a throw-away folder. */
  dataDir?: string;
  /** Where the FerretDB build is cached. */
  cacheDir: string;
  logger: ProvisionLogger;
  /** Build FerretDB with the filter-pushdown patch (default true; false only for side-by-side benchmarks). */
  ferretDbPatched?: boolean;
}

async function which(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('sh', ['-c', `command -v ${binary}`]);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

const ENDPOINT_FILE = 'endpoint.json';

/** The URI of a live FerretDB started by another Clause process on this data folder, if any. */
async function runningEndpoint(dataDir: string): Promise<string | undefined> {
  let endpoint: { pid: number; serverPid?: number; uri: string };
  try {
    endpoint = JSON.parse(await readFile(join(dataDir, ENDPOINT_FILE), 'utf8')) as typeof endpoint;
  } catch {
    return undefined;
  }
  if (!isAlive(endpoint.pid)) {
    // The process that started it died without stopping it (SIGKILL, crash): end the orphan so
    // that only one server ever opens this folder.
    if (endpoint.serverPid && isAlive(endpoint.serverPid)) process.kill(endpoint.serverPid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    return undefined;
  }
  try {
    await waitForPort(Number(new URL(endpoint.uri).port), 1000);
    return endpoint.uri;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // A killed process can linger as a zombie until it is reaped: that is not alive.
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

async function tempDir(prefix: string): Promise<string> {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  return mkdtemp(join(tmpdir(), prefix));
}

async function startMemoryServer(kind: 'mongod' | 'mongodb-memory-server', dataDir: string | undefined, systemBinary?: string) {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const server = await MongoMemoryServer.create({
    ...(systemBinary ? { binary: { systemBinary } } : {}),
    instance: dataDir ? { dbPath: dataDir, storageEngine: 'wiredTiger' } : {},
  });
  const persistent = Boolean(dataDir);
  return {
    kind,
    uri: server.getUri(),
    description: `${kind === 'mongod' ? `mongod (${systemBinary})` : 'downloaded mongod'} ${persistent ? `with data in ${dataDir}` : 'in memory'}`,
    stop: async () => {
      await server.stop({ doCleanup: !persistent });
    },
  } satisfies ProvisionedDatabase;
}

/**
 * Finds a MongoDB-wire server, in this order (the same for `npm start` and `npm test`):
 * MONGODB_URI; a `mongod` on the PATH (through mongodb-memory-server); FerretDB v1.24.2 with its
 * SQLite backend and the filter-pushdown patch, built once with Go into the cache folder;
 * mongodb-memory-server's download.
 */
export async function provisionDatabase(options: ProvisionOptions): Promise<ProvisionedDatabase> {
  if (options.uri) {
    return { kind: 'uri', uri: options.uri, description: 'MongoDB at MONGODB_URI', stop: async () => {} };
  }

  const mongod = await which('mongod');
  if (mongod) {
    return startMemoryServer('mongod', options.dataDir && join(options.dataDir, 'mongod'), mongod);
  }

  const ferretBinary = await ensureFerretDbBinary(options.cacheDir, options.logger, { patched: options.ferretDbPatched !== false }).catch((error: unknown) => {
    options.logger.warn({ err: String(error) }, 'could not build FerretDB');
    return undefined;
  });
  if (ferretBinary) {
    const dataDir = options.dataDir ? join(options.dataDir, 'ferretdb') : await tempDir('clause-ferretdb-');
    // Two servers must never share one SQLite folder: a second process (`npm run import` while
    // `npm start` runs) joins the one already serving this folder.
    const running = options.dataDir ? await runningEndpoint(dataDir) : undefined;
    if (running) {
      return { kind: 'ferretdb', uri: running, description: `the FerretDB already serving ${dataDir} (${running})`, stop: async () => {} };
    }
    const ferret = await startFerretDb(ferretBinary, dataDir);
    const endpointFile = join(dataDir, ENDPOINT_FILE);
    if (options.dataDir) await writeFile(endpointFile, JSON.stringify({ pid: process.pid, serverPid: ferret.pid, uri: ferret.uri }));
    return {
      kind: 'ferretdb',
      uri: ferret.uri,
      description: `FerretDB v1.24.2 (SQLite${ferretBinary.includes('-pushdown-') ? ', pushdown patch' : ', stock'}) on ${ferret.uri} with data in ${dataDir}`,
      stop: async () => {
        await ferret.stop();
        if (options.dataDir) await rm(endpointFile, { force: true });
      },
    };
  }

  try {
    return await startMemoryServer('mongodb-memory-server', options.dataDir && join(options.dataDir, 'mongod'));
  } catch (error) {
    throw new Error(
      `No MongoDB could be found or started: set MONGODB_URI, put mongod on the PATH, or install Go so Clause can build FerretDB (${(error as Error).message})`,
    );
  }
}
