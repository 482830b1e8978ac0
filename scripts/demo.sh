#!/usr/bin/env bash
# Sets up the workspace and runs the main job on built-in demo data.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh
node scripts/demo.mjs "$@"
