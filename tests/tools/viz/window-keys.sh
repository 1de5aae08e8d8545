#!/usr/bin/env bash
# Run under xvfb-run by LiveViewWindowTests: starts `circuitsim viz` in a real GLFW window, waits for it,
# presses keys in it with xdotool (1: the scenario's first drug, p: screenshot, q: quit) and prints the
# view's exit code. Arguments: the CLI dll, the scenario, the folder for the screenshot.
set -u
dll=$1; scenario=$2; out=$3
cd "$out"
dotnet "$dll" viz "$scenario" --speed 4 > stdout.txt 2> stderr.txt &
pid=$!
win=""
for _ in $(seq 1 120); do
  win=$(xdotool search --name "CircuitSim" 2>/dev/null | head -1)
  [ -n "$win" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.25
done
if [ -z "$win" ]; then echo "no window appeared" >&2; kill "$pid" 2>/dev/null; wait "$pid"; echo "rc $?"; exit 0; fi
sleep 1.5
xdotool key --window "$win" 1
sleep 1
xdotool key --window "$win" p
sleep 1
xdotool key --window "$win" q
wait "$pid"
echo "rc $?"
