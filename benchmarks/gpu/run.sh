#!/usr/bin/env bash
# Runs on the GPU machine from the repository root (no dotnet there): bash benchmarks/gpu/run.sh
# 1. agreement: COBA for 200 ms on simd (the host's CPU) and on the gpu backend, spike counts side by side;
# 2. scale: COBA at 1e5, 1e6 and 1e7 neurons (in-degree K, weights scaled by 80/K to keep the input), 1 s,
#    no spike recording, fast (event-driven) delivery: neuron updates/s, synaptic events/s, real-time factor;
# 3. batches of base circuits: not run yet (the gpu backend has no spike sources or AdEx so far).
# Writes everything to $OUT/gpu-bench.txt (OUT defaults to results/gpu-bench).
# Knobs for a dry run on a machine without a GPU: GPU_DEVICE=cpu SIZES="4000" K=80 DURATION=20ms.
set -uo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-benchmarks/gpu/publish/circuitsim}
OUT=${OUT:-results/gpu-bench}
GPU_DEVICE=${GPU_DEVICE:-cuda}
SIZES=${SIZES:-"100000 1000000 10000000"}
DURATION=${DURATION:-1s}
mkdir -p "$OUT"
TIMER=""; [ -x /usr/bin/time ] && TIMER="/usr/bin/time -v"
report="$OUT/gpu-bench.txt"
: > "$report"
say() { echo "$*" | tee -a "$report"; }
say "# gpu benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "# host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
command -v nvidia-smi >/dev/null && say "# device: $(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader)"
say "# gpu device option: $GPU_DEVICE"

say ""
say "## 1. agreement: coba.yaml, 200 ms, simd vs gpu"
common=(--set duration=200ms --set record.traces=null --set record.figures=false --quiet)
"$BIN" run scenarios/coba.yaml --backend simd --out "$OUT/agree-simd" "${common[@]}" || say "simd run failed"
for mode in exact fast; do
  "$BIN" run scenarios/coba.yaml --backend gpu --gpu-device "$GPU_DEVICE" --gpu-delivery $mode --out "$OUT/agree-gpu-$mode" "${common[@]}" || say "gpu $mode run failed"
  for pop in E I; do
    a=$(grep -A3 "\"$pop\"" "$OUT/agree-simd/metrics.json" | grep -o '"spike_count": *[0-9]*' | head -1 | sed 's/.*: *//')
    b=$(grep -A3 "\"$pop\"" "$OUT/agree-gpu-$mode/metrics.json" | grep -o '"spike_count": *[0-9]*' | head -1 | sed 's/.*: *//')
    say "$mode delivery, population $pop: spikes simd ${a:-?}, gpu ${b:-?}"
  done
  if cmp -s "$OUT/agree-simd/spikes.h5" "$OUT/agree-gpu-$mode/spikes.h5"; then say "$mode delivery: spikes.h5 byte-identical to simd"; else say "$mode delivery: spikes.h5 differs from simd (compare node ids and times with h5py)"; fi
done

say ""
DELIVERY=${DELIVERY:-fast}
say "## 2. scale: COBA, ${DURATION}, no spike recording, $DELIVERY delivery"
say "neurons  in-degree  synapses  loop_s  neuron_updates_per_s  synaptic_events_per_s  realtime_factor  mean_rate_hz"
for n in $SIZES; do
  k=${K:-$([ "$n" -ge 10000000 ] && echo 100 || echo 1000)}
  ne=$((n * 4 / 5)); ni=$((n - ne))
  p=$(awk -v k="$k" -v n="$n" 'BEGIN { printf "%.9g", k / n }')
  we=$(awk -v k="$k" 'BEGIN { printf "%.6g", 6 * 80 / k }'); wi=$(awk -v k="$k" 'BEGIN { printf "%.6g", 67 * 80 / k }')
  dir="$OUT/scale-$n"
  $TIMER "$BIN" run scenarios/coba.yaml --backend gpu --gpu-device "$GPU_DEVICE" --gpu-delivery "$DELIVERY" --out "$dir" --quiet \
    --set duration="$DURATION" --set record.traces=null --set record.figures=false --set 'record.spikes=[]' \
    --set populations.E.count=$ne --set populations.I.count=$ni \
    --set projections.E_E.connect.p=$p --set projections.E_I.connect.p=$p --set projections.I_E.connect.p=$p --set projections.I_I.connect.p=$p \
    --set projections.E_E.receptors.exc=${we}nS --set projections.E_I.receptors.exc=${we}nS \
    --set projections.I_E.receptors.inh=${wi}nS --set projections.I_I.receptors.inh=${wi}nS 2> "$dir.time" || { say "$n: run failed (see $dir.time)"; continue; }
  loop=$(grep -o '"loop_seconds": *[0-9.eE+-]*' "$dir/metrics.json" | sed 's/.*: *//')
  events=$(grep -o '"synaptic_events": *[0-9.eE+-]*' "$dir/metrics.json" | sed 's/.*: *//')
  syn=$(grep -o '"synapses": *[0-9.eE+-]*' "$dir/metrics.json" | sed 's/.*: *//')
  steps=$(grep -o '"steps": *[0-9]*' "$dir/metrics.json" | sed 's/.*: *//')
  dur=$(grep -o '"duration_ms": *[0-9.eE+-]*' "$dir/metrics.json" | sed 's/.*: *//')
  awk -v n="$n" -v k="$k" -v syn="$syn" -v loop="$loop" -v ev="$events" -v steps="$steps" -v dur="$dur" 'BEGIN {
    printf "%d  %d  %.3g  %.2f  %.3g  %.3g  %.3g  %.2f\n", n, k, syn, loop, n * steps / loop, ev / loop, dur / 1000 / loop, ev / (syn > 0 ? syn : 1) / (dur / 1000) }' | tee -a "$report"
  grep -E "Maximum resident" "$dir.time" | sed 's/^\s*/  host /' | tee -a "$report"
done

say ""
say "## 3. batches of base circuits (1e2, 1e3, 1e4 copies)"
say "not run: the gpu backend has no spike sources (afferents, stimuli) or AdEx neurons yet, which the base circuit needs"
