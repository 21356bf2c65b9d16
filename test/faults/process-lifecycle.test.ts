import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverPidUnder, until, type LogLine } from './fault-harness.js';

/** `src/main.ts` (the service) as a child process with the embedded database in `dataDir`. */
function service(
  dataDir: string,
  env: Record<string, string> = {},
): { child: ChildProcess; logs: LogLine[]; exited: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: '0',
      CLAUSE_DATA_DIR: dataDir,
      ...(process.env.CLAUSE_CACHE_DIR ? { CLAUSE_CACHE_DIR: process.env.CLAUSE_CACHE_DIR } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => {
    buffer += c.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const l of lines) {
      try {
        logs.push(JSON.parse(l) as LogLine);
      } catch {
        // not JSON
      }
    }
  });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return { child, logs, exited: new Promise((r) => child.once('exit', (code) => r(code))), stderr: () => stderr };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function embeddedServer(dataDir: string): Promise<{ supervisor: number; server: number }> {
  const endpoint = JSON.parse(await readFile(join(dataDir, 'ferretdb', 'endpoint.json'), 'utf8')) as { serverPid: number };
  return { supervisor: endpoint.serverPid, server: await serverPidUnder(endpoint.serverPid) };
}

describe('the service process and its embedded database', () => {
  if (process.env.MONGODB_URI) {
    it.skip('needs the embedded database (MONGODB_URI is set)', () => undefined);
    return;
  }

  it('SIGKILL of the service: the embedded database stops too (its supervisor watches the parent)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'clause-life-'));
    const s = service(dataDir);
    await until(() => s.logs.find((l) => /^Clause is listening/.test(l.msg)), 90_000, `the service to listen (stderr: ${s.stderr()})`);
    const { supervisor, server } = await embeddedServer(dataDir);
    expect(alive(server)).toBe(true);
    s.child.kill('SIGKILL');
    await s.exited;
    await until(() => !alive(server) && !alive(supervisor), 15_000, 'the database to stop after its service died');
  }, 120_000);

  it('SIGTERM: stops gracefully (jobs unlocked, database closed and stopped) and exits 0', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'clause-life-'));
    const s = service(dataDir);
    await until(() => s.logs.find((l) => l.msg === 'jobs started'), 90_000, `the jobs to start (stderr: ${s.stderr()})`);
    const { server } = await embeddedServer(dataDir);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['stopped']));
    await until(() => !alive(server), 15_000, 'the database to stop');
  }, 120_000);

  it('a second signal while stopping exits at once (143), and the database still stops with it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'clause-life-'));
    const s = service(dataDir, { SHUTDOWN_GRACE_MS: '60000' });
    await until(() => s.logs.find((l) => l.msg === 'jobs started'), 90_000, `the jobs to start (stderr: ${s.stderr()})`);
    const { server } = await embeddedServer(dataDir);
    // A request still arriving (headers not finished) keeps the graceful stop waiting.
    const port = Number(s.logs.find((l) => /^Clause is listening/.test(l.msg))!.port);
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    s.child.kill('SIGTERM');
    await until(() => s.logs.find((l) => /^shutting down/.test(l.msg)), 10_000, 'the first signal to be taken');
    expect(s.child.exitCode).toBeNull(); // still waiting for the request in flight
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(143);
    socket.destroy();
    expect(s.logs.some((l) => l.msg === 'second signal: exiting at once')).toBe(true);
    await until(() => !alive(server), 15_000, 'the database to stop');
  }, 120_000);

  it('started through npm: when npm goes away (npm does not pass SIGTERM on), the service stops gracefully, and its database with it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'clause-life-'));
    // A stand-in for npm: starts the service as an npm script would, then is killed.
    const launcher = `const c = require('node:child_process').spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { stdio: 'inherit', env: { ...process.env, npm_lifecycle_event: 'start' } }); setInterval(() => {}, 1000);`;
    const npm = spawn(process.execPath, ['-e', launcher], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PORT: '0',
        CLAUSE_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const npmExited = new Promise((r) => npm.once('exit', r));
    const logs: LogLine[] = [];
    let buffer = '';
    npm.stdout!.on('data', (c: Buffer) => {
      buffer += c.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const l of lines) {
        try {
          logs.push(JSON.parse(l) as LogLine);
        } catch {
          // not JSON
        }
      }
    });
    await until(() => logs.find((l) => /^Clause is listening/.test(l.msg)), 90_000, 'the service to listen');
    const { server } = await embeddedServer(dataDir);
    npm.kill('SIGKILL');
    await npmExited;
    await until(() => logs.find((l) => l.msg === 'stopped'), 20_000, 'the service to stop after npm went away');
    expect(logs.some((l) => l.msg === 'the npm process that started Clause exited')).toBe(true);
    await until(() => !alive(server), 15_000, 'the database to stop');
  }, 120_000);

  it('a port in use stops start-up before any job runs, and leaves no database process behind', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = await mkdtemp(join(tmpdir(), 'clause-life-'));
    try {
      const s = service(dataDir, { PORT: String(port) });
      // Learn the database's pids while it runs (the endpoint file is written before the listen).
      const pids = await until(() => embeddedServer(dataDir).catch(() => undefined), 90_000, 'the embedded database');
      expect(await s.exited).toBe(1);
      expect(s.stderr()).toMatch(/EADDRINUSE/);
      expect(s.logs.some((l) => l.msg === 'jobs started')).toBe(false);
      await until(() => !alive(pids.server) && !alive(pids.supervisor), 15_000, 'the database to stop');
    } finally {
      blocker.close();
    }
  }, 120_000);
});
