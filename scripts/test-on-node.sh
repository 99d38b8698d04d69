#!/usr/bin/env bash
# Runs the test files on another Node line, e.g. `scripts/test-on-node.sh 24`: the Node binary comes from the npm
# registry's `node` package (it ships inside the package: no download from anywhere else), then `npm ci` and the
# test runner run under it.
#
# What differs from `npm test` on the machine's Node, and why:
# - `npm ci --ignore-scripts`: on Node 22 and later the SQLite driver is better-sqlite3 13 under the alias
#   better-sqlite3-napi (src/storage/sqlite/driver.ts), whose Node-API binaries ship inside the package; the one
#   install script npm would run compiles better-sqlite3 12 (the Node 20 driver) from source, ~100 s that this Node
#   never uses. Nothing else the tests load needs an install script (esbuild's binary comes as a platform package).
# - no build, typecheck or lint: their output does not depend on the Node line (the same tsc, esbuild and ESLint
#   over the same files), and `npm test` has just run them on the machine's Node. The built files it left in dist/
#   (the CLI bundle, the console) are what the tests of this line use; `npm run build` first if there are none.
# node_modules is left installed for that Node: run `npm ci` again to go back to the machine's.
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
[ -d dist/console ] && [ -d dist/cli-bundle ] || { echo "no built files in dist/: run npm run build (or npm test) first" >&2; exit 1; }
npm ci --ignore-scripts
node scripts/run-tests.mjs
