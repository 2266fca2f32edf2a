#!/usr/bin/env bash
# The start-smoke layer of `npm test`: the README's commands exactly as a person runs them on a
# fresh clone, with no shortcut. A copy of the repository as a clone has it (tracked files plus
# new, not ignored ones, so uncommitted work is tested too; no node_modules, no .artifacts, no
# dist, no .vsix) gets
#   npm ci                        (npm's cache may serve it; that is what a person's npm does too)
#   npm run package               (vscode:prepublish + vsce: the installable .vsix, < 1 MiB)
#   START_SMOKE=1 PORT=0 npm start  (the real scripts/start.sh: packs again, starts code-server,
#                                    checks the workbench and the status bar, stops)
# One shortcut, on purpose: SAMBANOVA_TOOLS points at this checkout's .tools (Node 24, code-server,
# vsce, playwright-core), which the `tools` layer installed and checked minutes earlier on CI's
# clean clone; installing code-server again would add minutes and test nothing new.
# Screenshots and logs are copied to .artifacts/start-smoke/<time>/. Last line: N passed, M failed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STAMP=$(date -u +%Y-%m-%dT%H-%M-%SZ)
KEEP=$ROOT/.artifacts/start-smoke/$STAMP
FRESH=$(mktemp -d "${TMPDIR:-/tmp}/sambanova-fresh-clone-XXXXXX")
passed=0
failed=0
cleanup() {
  mkdir -p "$KEEP"
  [ -d "$FRESH/.artifacts" ] && cp -r "$FRESH/.artifacts/." "$KEEP/" 2>/dev/null
  rm -rf "$FRESH"
}
trap cleanup EXIT
check() { # check NAME COMMAND...: one counted check
  local name=$1
  shift
  echo "--- $name: $*"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; fi
}
finish() {
  echo "start-smoke: artifacts in ${KEEP#"$ROOT"/}"
  echo "start-smoke: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

# A person's shell has none of the outer `npm test`'s npm_* variables (npm_config_local_prefix
# would even point the inner npm at this checkout).
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
unset START_VSIX E2E_VSIX SAMBANOVA_API_KEY SAMBANOVA_BASE_URL
export SAMBANOVA_TOOLS=${SAMBANOVA_TOOLS:-$ROOT/.tools}

copy_clone() {
  # -c lists tracked files even when deleted in the work tree; a clone of this state has none of those.
  (cd "$ROOT" && git ls-files -co --exclude-standard -z |
    while IFS= read -r -d '' f; do [ -e "$f" ] || [ -L "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf -) | tar -xf - -C "$FRESH" &&
    for leftover in node_modules .artifacts dist out .tools; do
      [ ! -e "$FRESH/$leftover" ] || { echo "the fresh copy has $leftover" >&2; return 1; }
    done &&
    [ -z "$(find "$FRESH" -name '*.vsix' -print -quit)" ]
}
vsix_small() {
  local f
  f=$(find "$FRESH" -maxdepth 1 -name 'sambanova-*.vsix' -print -quit)
  [ -n "$f" ] || { echo "npm run package left no sambanova-<version>.vsix in the repository root" >&2; return 1; }
  local bytes
  bytes=$(stat -c %s "$f")
  echo "$(basename "$f"): $bytes bytes (goal < 1 MiB)"
  [ "$bytes" -lt $((1024 * 1024)) ]
}

echo "fresh copy of the repository in $FRESH"
check copy copy_clone
[ "$failed" -eq 0 ] || finish
cd "$FRESH" || exit 1
check "npm ci" npm ci --no-audit --no-fund
[ "$failed" -eq 0 ] || finish
check "npm run package" npm run package
check "vsix size" vsix_small
# start.ts prints its own "start: N passed, M failed"; the check here counts its exit status.
check "npm start" env START_SMOKE=1 PORT=0 npm start
finish
