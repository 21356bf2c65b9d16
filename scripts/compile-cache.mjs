// Preloaded by `npm start`, `npm run worker` (node --import ./scripts/compile-cache.mjs …): turns on
// Node's on-disk compile cache before the service's modules load, so a warm restart does not
// compile the same JavaScript (mostly node_modules) again. The cache lives in
// node_modules/.cache/clause-node and is keyed by content, so a changed file is simply recompiled.
import module from 'node:module';

module.enableCompileCache?.('node_modules/.cache/clause-node');
