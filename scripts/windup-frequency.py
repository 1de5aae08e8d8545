#!/usr/bin/env python3
"""Wind-up of the base circuit's WDR neurons against stimulus frequency.

Runs the 16-pulse C-strength train of scenarios/windup.yaml alone, at each frequency, on each seed, with the
CLI, and prints a Markdown table of the C-evoked response (first, last three), last/first, the wind-up index
(Herrero et al. 2000) and the after-discharge after the last pulse, median over seeds with the range.
  /usr/bin/python3 scripts/windup-frequency.py [--seeds 11,12,13,14,15] [--freqs 0.1,0.2,0.5,1,2,5] [--out docs/windup-frequency.md]
"""
import argparse, json, os, statistics, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--seeds", default="11,12,13,14,15")
ap.add_argument("--freqs", default="0.1,0.2,0.5,1,2,5")
ap.add_argument("--out")
ap.add_argument("--cli", default="src/CircuitSim.Cli/bin/Release/net10.0/circuitsim")
a = ap.parse_args()
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(root)
seeds = [int(s) for s in a.seeds.split(",")]
rows = []
for f in [float(x) for x in a.freqs.split(",")]:
    per = []
    for seed in seeds:
        with tempfile.TemporaryDirectory() as out:
            dur = 1 + 16 / f + 1.5
            cmd = [a.cli, "run", "scenarios/windup.yaml", "--out", out, "--quiet", "--seed", str(seed),
                   "--set", "stimuli.slow=null", "--set", "record.metrics.windup_slow=null", "--set", "record.traces=null",
                   "--set", "record.figures=false", "--set", "stimuli.fast.start=1s", "--set", f"stimuli.fast.frequency={f}Hz",
                   "--set", f"duration={dur:.4f}s"]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            w = json.load(open(os.path.join(out, "metrics.json")))["windup"]["windup_fast"]
            c = w["spikes_per_stimulus"]
            ad = w["by_window"].get("after_discharge", [0.0] * len(w["spikes_per_stimulus"]))
            per.append(dict(first=c[0], last3=sum(c[-3:]) / 3, ratio=(sum(c[-3:]) / 3 / c[0]) if c[0] > 0 else float("nan"),
                            index=w["windup_index"], ad_last=ad[-1]))
    med = {k: statistics.median([p[k] for p in per]) for k in per[0]}
    rng = {k: (min(p[k] for p in per), max(p[k] for p in per)) for k in per[0]}
    rows.append((f, med, rng))
    print(f"{f} Hz: " + ", ".join(f"{k} {v:.2f}" for k, v in med.items()), file=sys.stderr)
lines = ["| frequency | first (C window) | last 3 | last/first | wind-up index | after-discharge after the last pulse |",
         "|---|---|---|---|---|---|"]
for f, m, r in rows:
    cell = lambda k: f"{m[k]:.2f} ({r[k][0]:.2f}–{r[k][1]:.2f})"
    lines.append(f"| {f:g} Hz | {cell('first')} | {cell('last3')} | {cell('ratio')} | {cell('index')} | {cell('ad_last')} |")
text = (f"Spikes per WDR neuron, median over seeds {a.seeds} (range in brackets); 16 C-strength pulses from rest.\n\n"
        + "\n".join(lines) + "\n")
if a.out:
    open(a.out, "w").write(text)
print(text)
