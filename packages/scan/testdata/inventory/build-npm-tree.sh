#!/usr/bin/env bash
# Installs the fixed npm dependency set of npm-1000/ (package.json + package-lock.json, ~1,300 packages) with `npm ci`
# into a cache outside the repository, once: $CACHE/node_modules. Usage: build-npm-tree.sh [CACHE]
# (default /var/cache/rampart-test/npm-1000). Needs the npm registry.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:-${RAMPART_TEST_CACHE:-/var/cache/rampart-test}/npm-1000}
[[ -f $cache/done ]] && { echo "$cache"; exit 0; }
rm -rf "$cache" && mkdir -p "$cache"
cp "$here/npm-1000/package.json" "$here/npm-1000/package-lock.json" "$cache/"
(cd "$cache" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >"$cache/npm-ci.log" 2>&1) \
  || { tail -20 "$cache/npm-ci.log" >&2; exit 3; }
touch "$cache/done"
echo "$cache"
