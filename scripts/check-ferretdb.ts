/**
 * npm run check:ferretdb
 *
 * Runs FerretDB's own tests of the packages the filter-pushdown patch changes
 * (`go test ./internal/backends/sqlite/...`, including the patch's pushdown_test.go) on the
 * module source from the Go module proxy with `src/infra/mongo/provision/ferretdb/sqlite-pushdown.patch`
 * applied, the same way the provisioning build prepares it. Exits non-zero when a test fails.
 * Needs Go; takes a minute or two (compiling the tests).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ferretDbPatch, prepareFerretDbSource, FERRETDB_VERSION } from '../src/infra/mongo/provision/ferretdb.js';

const patch = ferretDbPatch();
if (!patch) {
  console.error('check:ferretdb: the patch file was not found');
  process.exit(1);
}
const work = await mkdtemp(join(tmpdir(), 'clause-ferretdb-check-'));
const src = join(work, 'src');
const started = Date.now();
let code = 1;
try {
  console.log(`FerretDB ${FERRETDB_VERSION} + ${patch.path} (sha256 ${patch.hash}…): preparing the source in ${src}`);
  await prepareFerretDbSource(work, src, patch);
  // FerretDB's test helpers locate the repository root by its .git folder; the module zip has none.
  await mkdir(join(src, '.git'));
  const args = ['test', '-count=1', './internal/backends/sqlite/...'];
  console.log(`go ${args.join(' ')}`);
  code = await new Promise<number>((resolve, reject) => {
    const child = spawn('go', args, { cwd: src, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (c) => resolve(c ?? 1));
  });
  console.log(`${code === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
} finally {
  await rm(work, { recursive: true, force: true });
}
process.exit(code);
