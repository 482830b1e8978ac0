#!/usr/bin/env bash
# Sourced by scripts/demo.sh and scripts/test-all.sh: makes pnpm 10.34.9 available (installing it from the npm
# registry when missing), installs the workspace from the lockfile and builds every package.
# Needs only Node >= 20.19 and npm.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PNPM_VERSION=10.34.9

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("mirkit needs Node >= 20.19, found "+process.versions.node); process.exit(1) }'

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  if [ ! -x "$ROOT/.tools/node_modules/.bin/pnpm" ] || [ "$("$ROOT/.tools/node_modules/.bin/pnpm" --version)" != "$PNPM_VERSION" ]; then
    echo "setup: installing pnpm@$PNPM_VERSION into .tools/" >&2
    npm install --prefix "$ROOT/.tools" --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
fi
echo "setup: pnpm $(pnpm --version), node $(node --version)" >&2

pnpm install --frozen-lockfile --reporter=append-only >&2
pnpm run build >&2
