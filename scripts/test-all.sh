#!/usr/bin/env bash
# npm test: every layer, cheapest first, stopping at the first failing one.
#   tools -> build -> typecheck -> lint -> unit (mocha) -> webview + xss (Chromium) ->
#   integration in VS Code 1.139 (code-server 4.139.1) and 1.104 (4.104.0, engines minimum) ->
#   package (.vsix) ->
#   e2e (packed .vsix, UI) -> start-smoke (fresh copy: npm ci, npm run package, npm start)
# Each layer's output is also kept in .artifacts/test-all/<layer>.log. The last line is
#   N passed, M failed            or   N passed, M failed, K skipped
# summed over all layers (tests where a layer has tests, one check where it has not); CI reads it.
# Skipped tests are not run, never passed: each is listed above that line with its reason.
# Env: TEST_ALL_KEEP_GOING=1 runs every layer even after a failure.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOGS=$ROOT/.artifacts/test-all
mkdir -p "$LOGS"
NODE24=(bash scripts/lib/node24.sh)
passed=0
failed=0
skipped=0
not_run_notes="" # tests a layer did not run, with the reason it printed
started=$SECONDS
flaky_notes="" # specs that passed only on a re-run, repeated in the summary (test/e2e/run.ts)

summary() {
  echo
  echo "test-all: $((SECONDS - started)) s; layer logs in ${LOGS#"$ROOT"/}"
  [ -z "$flaky_notes" ] || printf '%s' "$flaky_notes"
  [ -z "$not_run_notes" ] || printf 'not run:\n%s' "$not_run_notes"
  if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
}
trap 'echo; echo "interrupted"; summary; exit 130' INT TERM

# count_from_log FILE STATUS: adds the layer's counts. A layer's own "N passed, M failed[, K
# skipped]" line (the last one) or mocha's "N passing" / "M failing" / "K pending" wins; without
# either, the layer counts as one check. A non-zero exit with zero counted failures still counts
# one failure.
count_from_log() {
  local log=$1 status=$2 p f s=0 line
  line=$(grep -aE '(^|: )[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$log" | tail -n 1)
  if [ -n "$line" ]; then
    p=$(sed -E 's/.*(^|: )([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?$/\2/' <<<"$line")
    f=$(sed -E 's/.*(^|: )([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?$/\3/' <<<"$line")
    s=$(sed -E 's/.*(^|: )([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?$/\5/' <<<"$line")
    s=${s:-0}
  elif grep -aqE '^ *[0-9]+ passing' "$log"; then
    p=$(grep -aoE '^ *[0-9]+ passing' "$log" | tail -n 1 | grep -oE '[0-9]+')
    f=$(grep -aoE '^ *[0-9]+ failing' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
    f=${f:-0}
    s=$(grep -aoE '^ *[0-9]+ pending' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
    s=${s:-0}
  elif [ "$status" -eq 0 ]; then
    p=1 f=0
  else
    p=0 f=1
  fi
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
  echo "  -> $p passed, $f failed, $s skipped"
}

# layer NAME COMMAND...: runs one layer, streams its output, stops the run when it fails.
layer() {
  local name=$1 status note t0=$SECONDS
  shift
  echo "=== $name: $*"
  "$@" 2>&1 | tee "$LOGS/$name.log"
  status=${PIPESTATUS[0]}
  echo "=== $name: exit $status in $((SECONDS - t0)) s"
  count_from_log "$LOGS/$name.log" "$status"
  note=$(grep -aoE 'FLAKY( \(|, ).*' "$LOGS/$name.log" | sed "s/^/  $name: /")
  [ -z "$note" ] || flaky_notes+="$note"$'\n'
  # Tests the layer did not run, as it named them ("not run: title: reason", integration).
  note=$(grep -aoE '(^|: )not run: .*' "$LOGS/$name.log" | sed -E "s/^(: )?not run: /  $name: /" | sort -u)
  [ -z "$note" ] || not_run_notes+="$note"$'\n'
  if [ "$status" -ne 0 ] && [ "${TEST_ALL_KEEP_GOING:-}" != 1 ]; then
    echo "stopping: layer '$name' failed (see $LOGS/$name.log)"
    summary
    exit 1
  fi
}

VSIX=$LOGS/sambanova.vsix
package_vsix() {
  # The production bundle is what ships (vsce runs vscode:prepublish); pack it once for e2e.
  bash scripts/lib/node24.sh scripts/lib/package.ts "$VSIX" &&
    node esbuild.mjs # back to the development build (source maps) for whoever runs next
}

layer tools bash scripts/setup-tools.sh
layer build node esbuild.mjs
layer typecheck npx tsc -p . --noEmit
layer lint npx eslint .
layer unit npx mocha
layer webview npm run -s test:webview # chat UI bundle in headless Chromium
layer xss npm run -s test:xss         # XSS corpus through the real webview bundle
layer integration "${NODE24[@]}" test/integration/run.ts
layer integration-min "${NODE24[@]}" test/integration/run.ts --minimum
layer package package_vsix
layer e2e env E2E_VSIX="$VSIX" "${NODE24[@]}" test/e2e/run.ts
# The README's commands on a fresh copy of the repository, no shortcut but the shared .tools.
layer start-smoke bash scripts/lib/start-smoke.sh

summary
[ "$failed" -eq 0 ]
