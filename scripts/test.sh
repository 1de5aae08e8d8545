#!/usr/bin/env bash
# The test command: installs the test dependencies, builds in Release and runs every test.
# Pass --fast to skip the slow scientific tests (trait Category=Slow); CI runs them all.
# Ends with one plain line "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
filter=()
if [ "${1:-}" = "--fast" ]; then filter=(--filter "Category!=Slow"); fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test CircuitSim.sln -c Release "${filter[@]}" --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?
passed=$(grep -E '^\s+Passed:\s+[0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+Failed:\s+[0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
if [ "$status" -ne 0 ] && [ "$failed" = "0" ]; then failed=1; fi
echo "${passed} passed, ${failed} failed"
exit "$status"
