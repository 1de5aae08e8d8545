#!/usr/bin/env bash
# Builds what the GPU machine runs: a self-contained single-file circuitsim (no dotnet needed there),
# compressed, invariant globalisation, untrimmed (ILGPU does not survive trimming: shared/ENVIRONMENT.md),
# into benchmarks/gpu/publish/ (ignored by git; carry it to the device with the run tool's `carry`).
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf benchmarks/gpu/publish
dotnet publish src/CircuitSim.Cli -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
  -p:InvariantGlobalization=true -p:DebugType=none -o benchmarks/gpu/publish
size=$(stat -c %s benchmarks/gpu/publish/circuitsim)
echo "benchmarks/gpu/publish/circuitsim: $((size / 1024 / 1024)) MiB"
[ "$size" -lt $((64 * 1024 * 1024)) ] || { echo "larger than the 64 MiB the device machine takes" >&2; exit 1; }
