#!/usr/bin/env bash
# Runs the whole suite (npm test) on another Node line, e.g. `scripts/test-on-node.sh 24`: the Node binary comes
# from the npm registry's `node` package (it ships inside the package: no download from anywhere else), then
# `npm ci` and `npm test` run under it. npm ci installs the better-sqlite3 build that Node line loads (see
# src/storage/sqlite/driver.ts); anything native it compiles uses that Node's own headers, which the package also
# ships. node_modules is left installed for that Node: run `npm ci` again to go back to the machine's.
set -euo pipefail
cd "$(dirname "$0")/.."
line="${1:?usage: scripts/test-on-node.sh MAJOR (e.g. 24)}"
home="${NODE_LINE_CACHE:-${TMPDIR:-/tmp}/connect-chat-node-$line}"
if [ ! -x "$home/bin/node" ]; then
  scratch="$(mktemp -d)"
  npm install --prefix "$scratch" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$line" >&2
  bin="$(find "$scratch/node_modules" -path '*/node-*/bin/node' -type f | head -1)"
  [ -n "$bin" ] || { echo "the node@$line package brought no binary" >&2; exit 1; }
  rm -rf "$home" && mkdir -p "$(dirname "$home")" && mv "$(dirname "$(dirname "$bin")")" "$home"
  rm -rf "$scratch"
fi
export PATH="$home/bin:$PATH"
echo "node $(node --version) from $home"
export npm_config_nodedir="$home"
npm ci
npm test
