#!/usr/bin/env node
// npm run bench:start -- [runs]: how long `npm start` takes from the command to the first 200 from
// /healthz, on the embedded database (or MONGODB_URI), warm (FerretDB built, dist/ present).
// Each run starts `npm start` on a free port, polls /healthz every 50 ms (bounded at 120 s),
// records the time, then stops it with SIGTERM and waits for it to exit.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const runs = Number(process.argv[2] ?? 5);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function once() {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = started + 120_000;
  let ms;
  while (performance.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      ms = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.kill(-child.pid, 'SIGTERM');
  await exited;
  if (ms === undefined) throw new Error('no answer from /healthz within 120 s');
  return ms;
}

const times = [];
for (let i = 0; i < runs; i++) {
  const ms = await once();
  times.push(ms);
  console.log(`run ${i + 1}: npm start -> /healthz 200 in ${(ms / 1000).toFixed(2)} s`);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`median ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(2)} s, worst ${(sorted.at(-1) / 1000).toFixed(2)} s over ${runs} runs`);
