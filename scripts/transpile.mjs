#!/usr/bin/env node
// Transpile-only build for `npm start`, `npm run worker` and the CLIs: src/**/*.ts -> dist/src/**/*.js
// (with source maps), the same layout `npm run build` (tsc) writes, in well under a second.
// Type-checking is `npm run build` and CI's job; a start must not wait for it.
import { globSync } from 'node:fs';
import { build } from 'esbuild';

const started = performance.now();
const entryPoints = globSync('src/**/*.ts').filter((f) => !f.endsWith('.d.ts'));
await build({
  entryPoints,
  outdir: 'dist',
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  bundle: false,
  logLevel: 'warning',
});
if (!process.argv.includes('--quiet')) {
  process.stderr.write(`transpiled ${entryPoints.length} files to dist/ in ${Math.round(performance.now() - started)} ms (type-check: npm run build)\n`);
}
