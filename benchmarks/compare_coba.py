#!/usr/bin/python3
"""Side-by-side COBA benchmark: CircuitSim against Brian2 (C++ standalone), in one go.

    /usr/bin/python3 benchmarks/compare_coba.py --n 4000 --duration 10 --seeds 3 --json cmp.json

Steps:
  1. build CircuitSim Release once:
       dotnet build -c Release src/CircuitSim.Cli -o WORK/cs      (skipped with --skip-build)
  2. for each seed (1..S), alternately:
       Brian2:     /usr/bin/python3 benchmarks/brian2/coba_brian2.py --device cpp_standalone
                   (compiles, runs, reruns the compiled binary), then by default the same
                   command again in the same build directory: the "warm" whole process
                   (make finds nothing to compile);
       CircuitSim: dotnet WORK/cs/circuitsim.dll run scenarios/coba.yaml --out DIR --quiet
                   --seed S --threads T, reading DIR/metrics.json.
  3. prints a table and writes it as JSON (--json).

Numbers (seconds are wall-clock):
  loop          the simulation loop alone. Brian2: its own timer of Network::run in the
                generated C++ (device._last_run_time). CircuitSim: metrics.json run.loop_seconds.
  run           an already compiled program from start to end. Brian2: the compiled binary
                rerun (loads arrays, creates synapses, sets initial values, loop, writes
                results). CircuitSim: the whole `dotnet circuitsim.dll run` process (runtime
                start, JIT, YAML, network build, loop, output files).
  compile       Brian2 only: the whole Python process with code generation and g++
                compilation (interpreter start-up excluded, brian2 import included).
  warm          Brian2 only: a second whole Python process on the same build directory
                (import, code generation, make with nothing to do, binary).
  rate          mean firing rate over all neurons (Hz) = spikes / (N * duration).
                CircuitSim: the size-weighted mean of the populations' mean_rate_hz, i.e.
                total spike count over total size and time.
  CV            mean over neurons with >= 3 spikes of sd(ISI)/mean(ISI). CircuitSim: the
                size-weighted mean of the populations' cv_isi.
  ev/s loop     synaptic events (spikes x out-degree, summed) per loop second.
  ev/s run      synaptic events per "run" second.
Summary: the ratio Brian2 loop / CircuitSim loop (ratio of the medians over seeds, and the
median of the per-seed ratios; > 1 means CircuitSim's loop is faster), and whether each
CircuitSim seed's rate and CV lie within [0.9 * min, 1.1 * max] of Brian2's seeds.

--same-network: each seed's CircuitSim run also writes its network (SONATA edges.h5 and
nodes.h5: every synapse and every neuron's initial v, ge, gi), and Brian2 then runs that very
realisation (coba_brian2.py --network DIR) instead of drawing its own. The two simulators'
rates and CVs are then compared seed by seed on identical networks (within +-5 %), which
separates the engines' numerics from the spread between random realisations (one realisation
of this network can sit 4 SD above another's mean rate). CircuitSim runs first in each pair.
"""
import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BRIAN2_SCRIPT = os.path.join(REPO, "benchmarks", "brian2", "coba_brian2.py")
DEFAULT_SCENARIO = os.path.join("scenarios", "coba.yaml")
TOLERANCE = 0.10
SAME_NETWORK_TOLERANCE = 0.05


class CompareError(RuntimeError):
    pass


def parse_args(argv=None):
    ap = argparse.ArgumentParser(
        description="COBA benchmark: CircuitSim vs Brian2 cpp_standalone, same machine, one go.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--n", type=int, default=4000, help="neurons (default 4000)")
    ap.add_argument("--duration", type=float, default=10.0, help="simulated seconds (default 10)")
    ap.add_argument("--seeds", type=int, default=3, help="seeds per side, 1..S (default 3)")
    ap.add_argument("--first-seed", type=int, default=1, help="first seed (default 1)")
    ap.add_argument("--threads", type=int, default=0,
                    help="CircuitSim threads (default 0: automatic, one thread below 16k neurons per core)")
    ap.add_argument("--brian2-threads", type=int, default=0,
                    help="Brian2 OpenMP threads (default 0: no OpenMP, one thread)")
    ap.add_argument("--skip-build", action="store_true",
                    help="do not build CircuitSim; use --circuitsim-dll or the default "
                         "src/CircuitSim.Cli/bin/Release/net10.0/circuitsim.dll")
    ap.add_argument("--circuitsim-dll", metavar="PATH", default=None,
                    help="an already built circuitsim.dll (implies --skip-build)")
    ap.add_argument("--scenario", default=DEFAULT_SCENARIO,
                    help="CircuitSim scenario, relative to the repository root "
                         "(default scenarios/coba.yaml)")
    ap.add_argument("--circuitsim-arg", action="append", default=[], metavar="ARG",
                    help="extra argument passed to `circuitsim run` (repeatable), "
                         "e.g. --circuitsim-arg=--backend --circuitsim-arg=simd")
    ap.add_argument("--no-override", action="store_true",
                    help="never pass --set overrides for N/duration to CircuitSim")
    ap.add_argument("--no-brian2-warm", action="store_true",
                    help="skip Brian2's second (warm) whole-process run per seed")
    ap.add_argument("--same-network", action="store_true",
                    help="Brian2 runs CircuitSim's realisation of each seed (synapses and initial values "
                         "from SONATA files) and the rates are compared seed by seed")
    ap.add_argument("--skip-brian2", action="store_true", help="run CircuitSim only")
    ap.add_argument("--skip-circuitsim", action="store_true", help="run Brian2 only")
    ap.add_argument("--python", default="/usr/bin/python3",
                    help="interpreter with Brian2 (default /usr/bin/python3)")
    ap.add_argument("--dotnet", default="dotnet", help="dotnet executable (default dotnet)")
    ap.add_argument("--work-dir", default=None,
                    help="keep builds and outputs here (default: a temporary directory, "
                         "removed at the end unless --keep)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary work directory")
    ap.add_argument("--timeout", type=float, default=1800,
                    help="seconds allowed for each child process (default 1800)")
    ap.add_argument("--json", metavar="OUT", default=None, help="write the table as JSON")
    return ap.parse_args(argv)


def log(msg=""):
    print(msg, flush=True)


def tail(text, lines=40):
    text = (text or "").rstrip()
    parts = text.splitlines()
    return "\n".join(parts[-lines:])


def run_timed(cmd, cwd, timeout, env=None, what="command"):
    """Run cmd, return (CompletedProcess, wall seconds). Raise CompareError on failure."""
    t0 = time.perf_counter()
    try:
        cp = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    except FileNotFoundError as e:
        raise CompareError(f"{what}: cannot start {cmd[0]!r}: {e}") from None
    except subprocess.TimeoutExpired:
        raise CompareError(f"{what}: timed out after {timeout:g} s:\n  {shlex.join(cmd)}") from None
    wall = time.perf_counter() - t0
    if cp.returncode != 0:
        raise CompareError(
            f"{what} failed (exit code {cp.returncode}):\n  {shlex.join(cmd)}\n"
            f"--- stdout (tail) ---\n{tail(cp.stdout)}\n--- stderr (tail) ---\n{tail(cp.stderr)}")
    return cp, wall


def dotnet_env():
    env = dict(os.environ)
    env.setdefault("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
    env.setdefault("DOTNET_NOLOGO", "1")
    env.setdefault("DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "1")
    return env


# ---------------------------------------------------------------------------- CircuitSim

def build_circuitsim(args, work):
    out = os.path.join(work, "cs")
    cmd = [args.dotnet, "build", "-c", "Release", os.path.join("src", "CircuitSim.Cli"),
           "-o", out, "--nologo"]
    log(f"building CircuitSim: {shlex.join(cmd)}")
    try:
        _, wall = run_timed(cmd, REPO, args.timeout, env=dotnet_env(), what="CircuitSim build")
    except CompareError as e:
        raise CompareError(f"{e}\nThe CircuitSim build failed; fix it, or pass "
                           f"--circuitsim-dll PATH / --skip-circuitsim.") from None
    dll = os.path.join(out, "circuitsim.dll")
    if not os.path.isfile(dll):
        raise CompareError(f"CircuitSim build succeeded but {dll} is missing "
                           f"(files there: {sorted(os.listdir(out))[:20]})")
    log(f"  built in {wall:.1f} s: {dll}")
    return dll, wall


def locate_dll(args, work):
    if args.circuitsim_dll:
        dll = os.path.abspath(args.circuitsim_dll)
    else:
        candidates = [os.path.join(work, "cs", "circuitsim.dll"),
                      os.path.join(REPO, "src", "CircuitSim.Cli", "bin", "Release", "net10.0",
                                   "circuitsim.dll")]
        dll = next((c for c in candidates if os.path.isfile(c)), candidates[-1])
    if not os.path.isfile(dll):
        raise CompareError(f"--skip-build: no CircuitSim build at {dll}; build it with\n"
                           f"  dotnet build -c Release src/CircuitSim.Cli -o DIR\n"
                           f"and pass --circuitsim-dll DIR/circuitsim.dll")
    return dll


def _parse_seconds(value):
    """'10 s' / '10000 ms' / '1 min' -> seconds; None if not understood."""
    m = re.fullmatch(r"\s*([-+0-9.eE]+)\s*(s|ms|us|µs|min|h)\s*", str(value))
    if not m or isinstance(value, (int, float)):
        return None  # bare numbers are not valid durations in the scenario format
    try:
        f = float(m.group(1))
    except ValueError:
        return None
    return f * {"s": 1.0, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "min": 60.0, "h": 3600.0}[m.group(2)]


def circuitsim_overrides(args):
    """--set arguments that make the scenario's N and duration match --n/--duration.

    Reads the scenario with PyYAML (if available). Neuron populations are scaled in
    proportion; projections with rule 'probability' get p scaled by old_N/new_N (COBA's
    p = 80/N keeps 80 inputs per neuron). Returns (list of argv items, notes)."""
    notes = []
    if args.no_override:
        return [], ["overrides disabled (--no-override)"]
    path = os.path.join(REPO, args.scenario)
    try:
        import yaml  # noqa: F401
    except ImportError:
        return [], ["PyYAML missing: scenario passed unchanged"]
    try:
        with open(path) as f:
            doc = yaml.safe_load(f) or {}
    except (OSError, yaml.YAMLError) as e:
        return [], [f"could not read {args.scenario} ({e}); passed unchanged"]
    if doc.get("extends"):
        notes.append(f"scenario extends {doc['extends']!r}: only its own keys were inspected")
    sets = []
    dur = _parse_seconds(doc.get("duration"))
    if dur is None or abs(dur - args.duration) > 1e-9:
        sets += ["--set", f"duration={args.duration:g} s"]
        notes.append(f"duration {doc.get('duration')!r} -> {args.duration:g} s")
    pops = doc.get("populations") or {}
    neuron_pops = {k: v for k, v in pops.items()
                   if isinstance(v, dict) and v.get("kind", "neuron") == "neuron"
                   and isinstance(v.get("count"), int)}
    total = sum(v["count"] for v in neuron_pops.values())
    if total <= 0:
        notes.append("no neuron populations with a count found: N not overridden")
        return sets, notes
    if total != args.n:
        names = list(neuron_pops)
        new = {k: int(round(neuron_pops[k]["count"] * args.n / total)) for k in names}
        new[names[0]] += args.n - sum(new.values())
        for k in names:
            sets += ["--set", f"populations.{k}.count={new[k]}"]
        for pname, pr in (doc.get("projections") or {}).items():
            conn = (pr or {}).get("connect") or {}
            if conn.get("rule") == "probability" and isinstance(conn.get("p"), (int, float)):
                sets += ["--set", f"projections.{pname}.connect.p={conn['p'] * total / args.n:.6g}"]
        notes.append(f"N {total} -> {args.n} ({', '.join(f'{k}={new[k]}' for k in names)}); "
                     f"probability projections scaled by {total}/{args.n}")
    return sets, notes


def run_circuitsim(args, dll, seed, work, overrides):
    out = os.path.join(work, f"circuitsim_seed{seed}")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    cmd = [args.dotnet, dll, "run", args.scenario, "--out", out, "--quiet",
           "--seed", str(seed), "--threads", str(args.threads)] + overrides + args.circuitsim_arg
    try:
        cp, wall = run_timed(cmd, REPO, args.timeout, env=dotnet_env(),
                             what=f"CircuitSim run (seed {seed})")
    except CompareError as e:
        hint = ("\nThe command passed --set overrides to match --n/--duration; if the CLI "
                "rejected them, use --no-override with a scenario of the wanted size "
                "(--scenario).") if overrides else ""
        raise CompareError(f"{e}{hint}") from None
    mpath = os.path.join(out, "metrics.json")
    if not os.path.isfile(mpath):
        found = [os.path.join(r, f) for r, _, fs in os.walk(out) for f in fs if f == "metrics.json"]
        if not found:
            raise CompareError(f"CircuitSim run (seed {seed}) wrote no metrics.json under {out}\n"
                               f"--- stdout (tail) ---\n{tail(cp.stdout)}\n"
                               f"--- stderr (tail) ---\n{tail(cp.stderr)}")
        mpath = found[0]
    with open(mpath) as f:
        metrics = json.load(f)
    rec = summarize_circuitsim(metrics, args, seed, wall)
    rec["command"] = shlex.join(cmd)
    rec["metrics_path"] = mpath
    return rec


def summarize_circuitsim(m, args, seed, process_wall):
    """Reduce CircuitSim's metrics.json to the comparison record."""
    try:
        pops = m["populations"]
        run = m["run"]
    except (KeyError, TypeError):
        raise CompareError("metrics.json lacks 'populations' or 'run'") from None
    size = sum(float(p.get("size", 0)) for p in pops.values())
    spikes = sum(int(p.get("spike_count", 0)) for p in pops.values())
    if size <= 0:
        raise CompareError("metrics.json: populations have no size")
    rate = sum(float(p.get("size", 0)) * float(p.get("mean_rate_hz", 0.0))
               for p in pops.values()) / size
    cv_pops = [(float(p.get("size", 0)), p.get("cv_isi")) for p in pops.values()]
    cv_pops = [(s, float(c)) for s, c in cv_pops if c is not None and c == c]
    cv = (sum(s * c for s, c in cv_pops) / sum(s for s, _ in cv_pops)) if cv_pops else float("nan")
    loop = float(run["loop_seconds"])
    events = run.get("synaptic_events")
    events = int(events) if events is not None else None
    warnings = []
    if int(round(size)) != args.n:
        warnings.append(f"CircuitSim ran {int(round(size))} neurons, not --n {args.n}")
    sr = run.get("speed_realtime")
    if sr and loop > 0:
        simulated = float(sr) * loop
        if abs(simulated - args.duration) > 0.05 * args.duration:
            warnings.append(f"CircuitSim simulated ~{simulated:.3g} s (speed_realtime x loop), "
                            f"not --duration {args.duration:g} s")
    return {
        "side": "circuitsim", "seed": seed, "n": int(round(size)),
        "loop_s": loop,
        "run_s": process_wall,
        "compile_s": None, "warm_s": None,
        "build_seconds": run.get("build_seconds"),
        "rate_hz": rate, "cv_isi": cv, "spike_count": spikes,
        "synapses": run.get("synapses"), "synaptic_events": events,
        "events_per_loop_second": (events / loop) if events is not None and loop > 0 else None,
        "events_per_run_second": (events / process_wall) if events is not None else None,
        "threads": run.get("threads"), "backend": run.get("backend"),
        "populations": pops, "warnings": warnings,
    }


# ---------------------------------------------------------------------------- Brian2

def run_brian2(args, seed, work, network_dir=None):
    bdir = os.path.join(work, f"brian2_build_seed{seed}")
    shutil.rmtree(bdir, ignore_errors=True)
    jpath = os.path.join(work, f"brian2_seed{seed}.json")
    base = [args.python, BRIAN2_SCRIPT, "--device", "cpp_standalone", "--n", str(args.n),
            "--duration", f"{args.duration:g}", "--seed", str(seed), "--build-dir", bdir,
            "--threads", str(args.brian2_threads), "--quiet"]
    if network_dir:
        base += ["--network", network_dir]
    run_timed(base + ["--json", jpath], REPO, args.timeout, what=f"Brian2 run (seed {seed})")
    with open(jpath) as f:
        r = json.load(f)
    warm = None
    if not args.no_brian2_warm:
        wpath = os.path.join(work, f"brian2_seed{seed}_warm.json")
        _, warm = run_timed(base + ["--no-rerun", "--json", wpath], REPO, args.timeout,
                            what=f"Brian2 warm run (seed {seed})")
        with open(wpath) as f:
            rw = json.load(f)
        if rw["spike_count"] != r["spike_count"]:
            log(f"  WARNING: Brian2 warm run of seed {seed} gave {rw['spike_count']} spikes, "
                f"first run {r['spike_count']}")
    tm = r["timing"]
    run_s = tm.get("wall_without_compilation_s")
    ev = r["synaptic_events"]
    return {
        "side": "brian2", "seed": seed, "n": r["n"],
        "loop_s": tm["loop_s"],
        "run_s": run_s,
        "compile_s": tm["process_with_compilation_s"],
        "warm_s": warm,
        "make_s": tm.get("compile_s"),
        "rate_hz": r["rate_hz"], "cv_isi": r["cv_isi"], "spike_count": r["spike_count"],
        "synapses": r["synapses"], "synaptic_events": ev,
        "events_per_loop_second": r["events_per_loop_second"],
        "events_per_run_second": (ev / run_s) if run_s else None,
        "threads": args.brian2_threads or 1, "backend": "cpp_standalone",
        "raw": r, "warnings": [],
    }


# ---------------------------------------------------------------------------- report

def fmt(v, spec):
    if v is None or (isinstance(v, float) and v != v):
        return "-"
    return format(v, spec)


def print_table(rows):
    cols = [("side", "<10", "side"), ("seed", ">4", "seed"), ("loop_s", ">7.3f", "loop s"),
            ("run_s", ">7.2f", "run s"), ("compile_s", ">9.2f", "compile s"),
            ("warm_s", ">7.2f", "warm s"), ("rate_hz", ">8.2f", "rate Hz"),
            ("cv_isi", ">6.3f", "CV"), ("spike_count", ">9d", "spikes"),
            ("synaptic_events", ">11d", "syn events"),
            ("events_per_loop_second", ">10.3g", "ev/s loop"),
            ("events_per_run_second", ">10.3g", "ev/s run")]
    widths = []
    for key, spec, head in cols:
        w = max(len(head), *(len(fmt(r.get(key), spec.lstrip("<>"))) for r in rows)) if rows else len(head)
        widths.append(w)
    align = lambda s, w, spec: s.ljust(w) if spec.startswith("<") else s.rjust(w)  # noqa: E731
    log("  ".join(align(h, w, s) for (_, s, h), w in zip(cols, widths)))
    log("  ".join("-" * w for w in widths))
    for r in rows:
        log("  ".join(align(fmt(r.get(k), s.lstrip("<>")), w, s) for (k, s, _), w in zip(cols, widths)))


def summarize(b2, cs):
    s = {}
    if b2 and cs:
        b2_loop = [r["loop_s"] for r in b2]
        cs_loop = [r["loop_s"] for r in cs]
        s["brian2_loop_median_s"] = statistics.median(b2_loop)
        s["circuitsim_loop_median_s"] = statistics.median(cs_loop)
        s["loop_ratio_brian2_over_circuitsim"] = s["brian2_loop_median_s"] / s["circuitsim_loop_median_s"]
        paired = [a["loop_s"] / b["loop_s"] for a, b in zip(b2, cs) if b["loop_s"] > 0]
        s["loop_ratio_median_of_seed_pairs"] = statistics.median(paired) if paired else None
        b2_ev = [r["events_per_loop_second"] for r in b2 if r["events_per_loop_second"]]
        cs_ev = [r["events_per_loop_second"] for r in cs if r["events_per_loop_second"]]
        if b2_ev and cs_ev:
            s["events_per_loop_second_ratio_circuitsim_over_brian2"] = \
                statistics.median(cs_ev) / statistics.median(b2_ev)
        b2_run = [r["run_s"] for r in b2 if r["run_s"]]
        cs_run = [r["run_s"] for r in cs if r["run_s"]]
        if b2_run and cs_run:
            s["run_ratio_brian2_over_circuitsim"] = statistics.median(b2_run) / statistics.median(cs_run)
        checks = {}
        for key in ("rate_hz", "cv_isi"):
            vals = [r[key] for r in b2 if r[key] == r[key]]
            if not vals:
                continue
            lo, hi = min(vals) * (1 - TOLERANCE), max(vals) * (1 + TOLERANCE)
            checks[key] = {"brian2_min": min(vals), "brian2_max": max(vals),
                           "accept_lo": lo, "accept_hi": hi,
                           "circuitsim": {str(r["seed"]): {"value": r[key],
                                                            "within": bool(lo <= r[key] <= hi)}
                                          for r in cs}}
        s["range_checks"] = checks
        s["all_within"] = len(checks) == 2 and all(v["within"] for c in checks.values() for v in c["circuitsim"].values())
        if any(r.get("same_network") for r in b2):
            pairs = {}
            for a, b in zip(b2, cs):
                if a["seed"] != b["seed"]:
                    raise CompareError(f"same-network pairing: Brian2 seed {a['seed']} next to CircuitSim seed {b['seed']}")
                pairs[str(b["seed"])] = {
                    key: {"brian2": a[key], "circuitsim": b[key], "relative_difference": b[key] / a[key] - 1,
                          "within": bool(abs(b[key] / a[key] - 1) <= SAME_NETWORK_TOLERANCE)}
                    for key in ("rate_hz", "cv_isi")}
            s["same_network_checks"] = pairs
            s["same_network_all_within"] = all(v["within"] for p in pairs.values() for v in p.values())
    return s


def print_summary(s):
    if not s:
        return
    log("")
    log(f"loop time, median over seeds: Brian2 {s['brian2_loop_median_s']:.3f} s, "
        f"CircuitSim {s['circuitsim_loop_median_s']:.3f} s")
    log(f"  Brian2 loop / CircuitSim loop = {s['loop_ratio_brian2_over_circuitsim']:.2f} "
        f"(median of per-seed ratios {s['loop_ratio_median_of_seed_pairs']:.2f}; "
        f"> 1: CircuitSim faster)")
    if "events_per_loop_second_ratio_circuitsim_over_brian2" in s:
        log(f"  synaptic events per loop second, CircuitSim / Brian2 = "
            f"{s['events_per_loop_second_ratio_circuitsim_over_brian2']:.2f}")
    if "run_ratio_brian2_over_circuitsim" in s:
        log(f"  Brian2 binary rerun / CircuitSim whole process = "
            f"{s['run_ratio_brian2_over_circuitsim']:.2f}")
    for key, label in (("rate_hz", "rate"), ("cv_isi", "CV")):
        if key not in s["range_checks"]:
            continue
        c = s["range_checks"][key]
        verdicts = ", ".join(f"seed {k}: {v['value']:.3g} {'ok' if v['within'] else 'OUT'}"
                             for k, v in c["circuitsim"].items())
        log(f"  {label}: Brian2 [{c['brian2_min']:.3g}, {c['brian2_max']:.3g}], accepted "
            f"[{c['accept_lo']:.3g}, {c['accept_hi']:.3g}]; CircuitSim {verdicts}")
    log(f"  CircuitSim within Brian2's range (+-{TOLERANCE:.0%}) for every seed: "
        f"{'yes' if s['all_within'] else 'NO'}")
    if "same_network_checks" in s:
        log("  same network, seed by seed (CircuitSim / Brian2 - 1):")
        for seed, p in s["same_network_checks"].items():
            log(f"    seed {seed}: rate {p['rate_hz']['brian2']:.2f} vs {p['rate_hz']['circuitsim']:.2f} Hz "
                f"({p['rate_hz']['relative_difference']:+.1%}), CV {p['cv_isi']['brian2']:.3f} vs "
                f"{p['cv_isi']['circuitsim']:.3f} ({p['cv_isi']['relative_difference']:+.1%})")
        log(f"  CircuitSim within +-{SAME_NETWORK_TOLERANCE:.0%} of Brian2 on the same network for every seed: "
            f"{'yes' if s['same_network_all_within'] else 'NO'}")


def main(argv=None):
    args = parse_args(argv)
    if args.seeds < 1:
        sys.exit("--seeds must be >= 1")
    if args.circuitsim_dll:
        args.skip_build = True
    seeds = list(range(args.first_seed, args.first_seed + args.seeds))
    if args.work_dir:
        work = os.path.abspath(args.work_dir)
        os.makedirs(work, exist_ok=True)
        remove_work = False
    else:
        work = tempfile.mkdtemp(prefix="compare_coba_")
        remove_work = not args.keep

    result = {
        "benchmark": "COBA (Vogels & Abbott 2005; Brette et al. 2007 benchmark 1)",
        "config": {"n": args.n, "duration_s": args.duration, "seeds": seeds,
                   "circuitsim_threads": args.threads, "brian2_threads": args.brian2_threads or 1,
                   "scenario": args.scenario, "tolerance": TOLERANCE,
                   "same_network": args.same_network, "same_network_tolerance": SAME_NETWORK_TOLERANCE},
        "machine": {"host": platform.node(), "cpu_count": os.cpu_count(),
                    "platform": platform.platform(), "processor": _cpu_model()},
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "loadavg_at_start": list(os.getloadavg()),
        "work_dir": None if remove_work else work,
        "brian2": [], "circuitsim": [], "summary": {}, "error": None,
    }
    load1 = os.getloadavg()[0]
    if load1 > 0.5:
        log(f"WARNING: load average {load1:.2f} at start: other work on this machine will "
            f"disturb the timings (Brian2's single-thread loop timer is CPU time, CircuitSim's "
            f"is wall time)")
    rc = 0
    try:
        dll = None
        overrides = []
        if not args.skip_circuitsim:
            if not os.path.isfile(os.path.join(REPO, args.scenario)):
                raise CompareError(f"scenario {args.scenario} not found under {REPO}")
            if args.skip_build:
                dll = locate_dll(args, work)
            else:
                dll, bwall = build_circuitsim(args, work)
                result["circuitsim_build_s"] = bwall
            overrides, notes = circuitsim_overrides(args)
            result["config"]["circuitsim_overrides"] = overrides
            for n in notes:
                log(f"CircuitSim scenario: {n}")
            log(f"CircuitSim: dotnet {dll}")
        if not args.skip_brian2 and not os.path.isfile(args.python):
            raise CompareError(f"Brian2 interpreter {args.python} not found (--python)")
        if args.same_network and (args.skip_brian2 or args.skip_circuitsim):
            raise CompareError("--same-network needs both sides")
        if args.same_network:
            overrides = overrides + ["--set", "record.network=true"]
        for seed in seeds:
            network_dir = None
            if args.same_network:
                network_dir = run_circuitsim_side(args, dll, seed, work, overrides, result)
            if not args.skip_brian2:
                log(f"seed {seed}: Brian2 cpp_standalone N={args.n} T={args.duration:g} s"
                    + (" on CircuitSim's network" if network_dir else "") + " ...")
                r = run_brian2(args, seed, work, network_dir)
                r["same_network"] = network_dir is not None
                result["brian2"].append(r)
                log(f"  loop {r['loop_s']:.3f} s, rate {r['rate_hz']:.2f} Hz, CV {r['cv_isi']:.3f}")
            if not args.skip_circuitsim and not args.same_network:
                run_circuitsim_side(args, dll, seed, work, overrides, result)
    except CompareError as e:
        result["error"] = str(e)
        print(f"\nERROR: {e}", file=sys.stderr, flush=True)
        rc = 2
    except KeyboardInterrupt:
        result["error"] = "interrupted"
        rc = 130

    rows = result["brian2"] + result["circuitsim"]
    if rows:
        log("")
        log(f"COBA N={args.n}, {args.duration:g} s simulated, {os.cpu_count()} cores "
            f"({result['machine']['processor']}); Brian2 {args.brian2_threads or 1} thread(s), "
            f"CircuitSim {args.threads} thread(s)")
        print_table(rows)
        log("loop: simulation loop only; run: compiled program end to end (Brian2: binary "
            "rerun; CircuitSim: whole dotnet process);\ncompile: Brian2 whole Python process "
            "with g++; warm: Brian2 whole process, build cached")
    result["summary"] = summarize(result["brian2"], result["circuitsim"])
    print_summary(result["summary"])
    if args.json:
        d = os.path.dirname(os.path.abspath(args.json))
        os.makedirs(d, exist_ok=True)
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)
        log(f"\nwrote {args.json}")
    if remove_work and rc == 0:
        shutil.rmtree(work, ignore_errors=True)
    elif rows or rc:
        log(f"work directory kept: {work}")
    return rc


def run_circuitsim_side(args, dll, seed, work, overrides, result):
    log(f"seed {seed}: CircuitSim threads={args.threads} ...")
    r = run_circuitsim(args, dll, seed, work, overrides)
    result["circuitsim"].append(r)
    log(f"  loop {r['loop_s']:.3f} s, rate {r['rate_hz']:.2f} Hz, CV {r['cv_isi']:.3f}")
    for w in r["warnings"]:
        log(f"  WARNING: {w}")
    return os.path.dirname(r["metrics_path"])


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


if __name__ == "__main__":
    sys.exit(main())
