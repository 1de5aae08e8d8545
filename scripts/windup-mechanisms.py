#!/usr/bin/env python3
"""What each mechanism contributes to wind-up: the 1 Hz train of scenarios/windup.yaml with one mechanism
removed at a time, on each seed, median over seeds (range), as a Markdown table.
  /usr/bin/python3 scripts/windup-mechanisms.py [--seeds 11,12,13,14,15] [--out docs/windup-mechanisms.md]
"""
import argparse, json, os, statistics, subprocess, tempfile

VARIANTS = [
    ("as tuned", []),
    ("NMDA blocked (APV, full)", ["interventions.x={at: 0 s, drug: APV, dose: 1}"]),
    ("ketamine 0.15 mg/kg (60 % NMDA block)", ["interventions.x={at: 0 s, drug: ketamine, dose: 0.15 mg/kg}"]),
    ("NK1 blocked (antagonist, full)", ["interventions.x={at: 0 s, drug: NK1_antagonist, dose: 1}"]),
    ("no NK1 potentiation of NMDA", ["populations.WDR.receptors.NMDA.potentiation_max=0"]),
    ("no CAN current (gCAN 0)", ["populations.WDR.params.gCAN=0nS"]),
    ("no activity-dependent slowing", ["populations.C_pep.slowing_per_spike=0", "populations.C_np.slowing_per_spike=0"]),
    ("no background noise", ["populations.WDR.noise=null"]),
]

ap = argparse.ArgumentParser()
ap.add_argument("--seeds", default="11,12,13,14,15")
ap.add_argument("--out")
ap.add_argument("--cli", default="src/CircuitSim.Cli/bin/Release/net10.0/circuitsim")
a = ap.parse_args()
os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
rows = []
for name, sets in VARIANTS:
    per = []
    for seed in a.seeds.split(","):
        with tempfile.TemporaryDirectory() as out:
            cmd = [a.cli, "run", "scenarios/windup.yaml", "--out", out, "--quiet", "--seed", seed,
                   "--set", "stimuli.slow=null", "--set", "record.metrics.windup_slow=null", "--set", "record.traces=null",
                   "--set", "record.figures=false", "--set", "stimuli.fast.start=1s", "--set", "duration=18.5s"]
            for s in sets: cmd += ["--set", s]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            w = json.load(open(os.path.join(out, "metrics.json")))["windup"]["windup_fast"]
            c = w["spikes_per_stimulus"]
            per.append(dict(first=c[0], last3=sum(c[-3:]) / 3, index=w["windup_index"]))
    med = {k: statistics.median(p[k] for p in per) for k in per[0]}
    rng = {k: (min(p[k] for p in per), max(p[k] for p in per)) for k in per[0]}
    rows.append((name, med, rng))
    print(name, med, flush=True)
base = rows[0][1]["index"]
lines = ["| condition | first C response | last 3 | wind-up index | index / as tuned |", "|---|---|---|---|---|"]
for name, m, r in rows:
    cell = lambda k: f"{m[k]:.2f} ({r[k][0]:.2f}–{r[k][1]:.2f})"
    lines.append(f"| {name} | {cell('first')} | {cell('last3')} | {cell('index')} | {m['index'] / base:.0%} |")
text = f"16 C-strength pulses at 1 Hz from rest; spikes per WDR neuron in the C window, median over seeds {a.seeds} (range).\n\n" + "\n".join(lines) + "\n"
if a.out: open(a.out, "w").write(text)
print(text)
