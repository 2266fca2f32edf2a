#!/usr/bin/env bash
# npm run package: the installable .vsix, <name>-<version>.vsix in the repository root (or the
# path given: npm run package -- out/my.vsix). Works from the README's Node 20 shell: vsce 3 needs
# a newer Node, so the packaging tools (Node 24 and vsce, no VS Code) are installed into .tools on
# first use. Install the result with: code --install-extension sambanova-<version>.vsix
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bash scripts/setup-tools.sh --packaging-only
exec bash scripts/lib/node24.sh scripts/lib/package.ts "$@"
