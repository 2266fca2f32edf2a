#!/usr/bin/env bash
# npm start: install the tools if needed, build and pack the extension, and run it in a real
# VS Code (code-server) on http://127.0.0.1:${PORT:-8080}. Ctrl+C stops everything.
#   SAMBANOVA_API_KEY=...  talk to SambaNova Cloud (else a local fake server is started)
#   START_SMOKE=1          start, check it works, stop (CI)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bash scripts/setup-tools.sh --current-only
exec bash scripts/lib/node24.sh scripts/lib/start.ts
