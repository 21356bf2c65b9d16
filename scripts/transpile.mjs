#!/usr/bin/env node
// Transpile-only build for `npm start` and `npm run worker`: src/**/*.ts -> dist/src/**/*.js (with
// source maps), the same layout `npm run build` (tsc) writes; only files changed since their output
// (`--all`: every file), in well under a second.
// Type-checking is `npm run build` and CI's job; a start must not wait for it.
import { globSync, statSync } from 'node:fs';
import { build } from 'esbuild';

const started = performance.now();
const all = globSync('src/**/*.ts').filter((f) => !f.endsWith('.d.ts'));
// Only what changed since its last output (a file whose .js is missing or older).
const mtime = (f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0;
const entryPoints = process.argv.includes('--all') ? all : all.filter((f) => mtime(f) >= mtime(`dist/${f.replace(/\.ts$/, '.js')}`));
if (entryPoints.length === 0) {
  if (!process.argv.includes('--quiet')) process.stderr.write(`dist/ is up to date (${all.length} files; type-check: npm run build)\n`);
  process.exit(0);
}
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
  process.stderr.write(
    `transpiled ${entryPoints.length} of ${all.length} files to dist/ in ${Math.round(performance.now() - started)} ms (type-check: npm run build)\n`,
  );
}
