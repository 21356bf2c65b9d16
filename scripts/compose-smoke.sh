#!/usr/bin/env bash
# Compose smoke test: builds the image, starts MongoDB, the app and the worker with
# `docker compose up --wait` (which waits for the health checks: Mongo a writable primary, the
# app's /healthz), checks the worker keeps running, runs the CLIs from the image (--help of each
# and an import of examples/contracts.csv), then removes everything it started.
# Where no Docker engine is available it says so and exits 0 (CI runs it either way).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker >/dev/null 2>&1; then
  echo "compose smoke test skipped: docker is not installed on this machine"
  exit 0
fi
if ! docker info >/dev/null 2>&1; then
  echo "compose smoke test skipped: no Docker engine is reachable (docker info failed)"
  exit 0
fi
if ! docker compose version >/dev/null 2>&1; then
  echo "compose smoke test skipped: the docker compose plugin is not installed"
  exit 0
fi

project="clause-smoke-$$"
compose=(docker compose -p "$project")
cleanup() { "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "== compose smoke: build and start (waits for the health checks)"
"${compose[@]}" up -d --build --wait --wait-timeout 300 mongo app worker

echo "== compose smoke: /healthz from inside the app container"
"${compose[@]}" exec -T app node -e "fetch('http://127.0.0.1:3000/healthz').then(async r=>{console.log(r.status, await r.text()); process.exit(r.ok?0:1)})"

echo "== compose smoke: the worker is running"
state=$("${compose[@]}" ps worker --format '{{.State}} {{.Health}}')
echo "worker: $state"
case "$state" in running*) ;; *) echo "the worker is not running"; "${compose[@]}" logs worker | tail -50; exit 1 ;; esac
case "$state" in *unhealthy*) echo "the worker is unhealthy"; exit 1 ;; esac

echo "== compose smoke: command-line tools in the image"
for cli in import-contracts extract retrieve score-cuad provision-db; do
  "${compose[@]}" run --rm --no-deps -T app node dist/src/cli/$cli.js --help >/dev/null
  echo "$cli --help: ok"
done
out=$("${compose[@]}" run --rm -T app node dist/src/cli/import-contracts.js examples/contracts.csv)
echo "$out"
echo "$out" | grep -q "4 rows: " || { echo "the import did not report its rows"; exit 1; }
out=$("${compose[@]}" run --rm -T app node dist/src/cli/import-contracts.js examples/contracts.csv)
echo "$out" | grep -q "0 created, 0 updated, 4 unchanged, 0 rejected" || { echo "re-running the import was not a no-op: $out"; exit 1; }

echo "compose smoke test passed"
