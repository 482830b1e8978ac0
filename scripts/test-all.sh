#!/usr/bin/env bash
# Sets up the workspace and runs every check: build, typecheck, lint, tests, package shape (publint + attw),
# and the pack-and-install check. Prints "N passed, N failed" (tests summed over all packages) and exits
# non-zero if anything failed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
start=$(date +%s)
# shellcheck source=setup.sh
source scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
set +e

failed_steps=()
step() {
  local name="$1"; shift
  echo "::group::$name"
  local t0; t0=$(date +%s)
  "$@"
  local rc=$?
  echo "::endgroup:: $name exited $rc in $(( $(date +%s) - t0 ))s"
  [ $rc -eq 0 ] || failed_steps+=("$name")
}

rm -f packages/*/.vitest-report.json
step typecheck pnpm run typecheck
step lint pnpm run lint
MIRKIT_TEST_REPORT=1 step test pnpm exec turbo run test --continue --force --only
step lint:pkg pnpm run lint:pkg
step pack-check node scripts/pack-check.mjs

echo "total time: $(( $(date +%s) - start ))s"
node scripts/test-summary.mjs "${failed_steps[@]}"
