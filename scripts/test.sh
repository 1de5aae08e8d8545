#!/usr/bin/env bash
# The test command: installs the test dependencies, builds in Release and runs every test.
# Pass --fast to skip the slow scientific tests (trait Category=Slow); CI runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
filter=()
if [ "${1:-}" = "--fast" ]; then filter=(--filter "Category!=Slow"); fi
dotnet test CircuitSim.sln -c Release "${filter[@]}" --logger "console;verbosity=normal"
