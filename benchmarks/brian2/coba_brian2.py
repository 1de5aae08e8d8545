#!/usr/bin/python3
"""COBA benchmark network (Vogels & Abbott 2005; Brette et al. 2007, benchmark 1) in Brian2.

Run with the Debian interpreter that has Brian2 2.5.1:

    /usr/bin/python3 benchmarks/brian2/coba_brian2.py --n 4000 --duration 10 --seed 1 --json out.json

Model (as in Brian's reference code, see /work/shared/REFERENCE-RESULTS.md):
  * N neurons, 80 % excitatory, 20 % inhibitory; every pair (self-connections included)
    is connected with probability p = 80 / N, excitatory and inhibitory projections drawn
    independently onto all N neurons.
  * C dv/dt = gL (El - v) + ge (Ee - v) + gi (Ei - v), with C = 200 pF, gL = 10 nS
    (tau_m = 20 ms), El = Vr = -60 mV, Vt = -50 mV, Ee = 0 mV, Ei = -80 mV.
  * Spike when v > Vt, reset v = Vr, refractory 5 ms during which v is held and the
    conductances keep decaying.
  * dge/dt = -ge / 5 ms, dgi/dt = -gi / 10 ms; a spike adds we = 6 nS (0.6 gL) or
    wi = 67 nS (6.7 gL) to the target's ge / gi; no delay (the increment is applied after
    the state update of the step, so it acts on v from the next step on).
  * Initial values: v = El + (5 randn - 5) mV, ge = (1.5 randn + 4) * 10 nS,
    gi = (12 randn + 20) * 10 nS. No external input: the activity is self-sustained.
  * Forward Euler, dt = 0.1 ms.

Timing (all seconds, wall clock unless said otherwise):
  import_s                    importing brian2
  wall_with_compilation_s     from before the network is constructed to after the run,
                              i.e. construction + code generation + compilation (g++ for
                              cpp_standalone, Cython for cython) + the simulation.
                              With --build-dir pointing at an earlier build of the same
                              model ("warm_build": true) make finds nothing to compile, and
                              this is the warm build-and-run time instead.
  process_with_compilation_s  the same plus interpreter-internal start-up and the brian2 import
  compile_s                   cpp_standalone only: Brian2's timer of 'make'
  binary_wall_s               cpp_standalone only: Brian2's timer of running the compiled
                              binary (loading arrays, creating synapses, initial values,
                              the loop, writing results)
  wall_without_compilation_s  cpp_standalone only: the already compiled binary run a second
                              time in the same build directory (device.run), i.e. no code
                              generation and no compilation. Its seed is compiled in, so the
                              rerun reproduces the same spikes (checked: rerun_spike_count).
  loop_s                      the simulation loop alone, Brian2's own measurement
                              `device._last_run_time`:
                                cpp_standalone: Network::run in the generated C++ measures
                                the loop (std::clock() CPU time of the process divided by the
                                thread count; omp_get_wtime() wall time when OpenMP threads
                                are used) and writes it to results/last_run_info.txt, which
                                device.run() reads back;
                                numpy/cython: Network.run measures time.time() around the
                                loop, after before_run (so Cython compilation is excluded).
                              For cpp_standalone the value of the first run is reported
                              (loop_rerun_s is the second run's).
"""
import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import warnings

_T_SCRIPT_START = time.perf_counter()

# Debian's pythran emits FutureWarnings on import under numpy 1.24; they are noise here.
warnings.filterwarnings("ignore", category=FutureWarning)
warnings.filterwarnings("ignore", category=DeprecationWarning)

import numpy as np  # noqa: E402


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=4000, help="number of neurons (default 4000)")
    ap.add_argument("--duration", type=float, default=10.0,
                    help="simulated time in seconds (default 10)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--device", choices=["cpp_standalone", "cython", "numpy"],
                    default="cpp_standalone", help="Brian2 device / code generation target")
    ap.add_argument("--build-dir", default=None,
                    help="cpp_standalone project directory (default: a temporary directory, "
                         "removed afterwards). Reusing a directory with an identical model "
                         "(same N, duration, seed) lets make skip compilation ('warm').")
    ap.add_argument("--threads", type=int, default=0,
                    help="cpp_standalone OpenMP threads (default 0 = no OpenMP, one thread)")
    ap.add_argument("--no-rerun", action="store_true",
                    help="cpp_standalone: do not rerun the compiled binary")
    ap.add_argument("--method", default="euler", choices=["euler", "exponential_euler", "rk2", "rk4"],
                    help="integration method (default euler, as Brian's reference COBA; exponential_euler is the "
                         "scheme CircuitSim's LIF uses: conductances held over the step, v integrated exactly)")
    ap.add_argument("--network", metavar="DIR", default=None,
                    help="run CircuitSim's realisation instead of drawing one: DIR holds edges.h5 and nodes.h5 "
                         "written by `circuitsim run scenarios/coba.yaml --set record.network=true` (SONATA; "
                         "populations E and I, projections E_E, E_I, I_E, I_I). --n is then taken from the files")
    ap.add_argument("--network-connectivity-only", action="store_true",
                    help="with --network: take only the synapses from DIR and draw the initial values as usual")
    ap.add_argument("--json", metavar="OUT", default=None, help="write the results as JSON")
    ap.add_argument("--quiet", action="store_true", help="print only the JSON summary line")
    return ap.parse_args(argv)


def cv_isi_stats(i, t, n):
    """Mean over neurons with >= 3 spikes of CV = sd(ISI)/mean(ISI) (population sd)."""
    if len(i) < 3:
        return float("nan"), 0
    order = np.lexsort((t, i))
    i_s = i[order]
    t_s = t[order]
    same = i_s[1:] == i_s[:-1]
    isi = np.diff(t_s)[same]
    owner = i_s[1:][same]
    cnt = np.bincount(owner, minlength=n).astype(np.float64)
    s1 = np.bincount(owner, weights=isi, minlength=n)
    s2 = np.bincount(owner, weights=isi * isi, minlength=n)
    ok = cnt >= 2  # >= 3 spikes
    if not ok.any():
        return float("nan"), 0
    mean = s1[ok] / cnt[ok]
    var = np.maximum(s2[ok] / cnt[ok] - mean * mean, 0.0)
    cv = np.sqrt(var) / mean
    return float(np.mean(cv)), int(ok.sum())


def load_circuitsim_network(d, we_nS, wi_nS):
    """CircuitSim's COBA realisation from SONATA files: synapses as (pre, post) indices of the
    combined group (E first, then I) and the initial v (mV), ge, gi (nS) of every neuron.
    Checks that every weight is we or wi and every arrival delay one step (Brian2's no-delay)."""
    import h5py
    with h5py.File(os.path.join(d, "nodes.h5"), "r") as f:
        nodes = f["nodes"]
        ne, ni = len(nodes["E/node_id"]), len(nodes["I/node_id"])
        init = {k: np.concatenate([nodes[f"{p}/0/initial_state/{k}"][:] for p in ("E", "I")]).astype(np.float64)
                for k in ("v", "g_exc", "g_inh")}
    offset = {"E": 0, "I": ne}
    pre = {"exc": [], "inh": []}
    post = {"exc": [], "inh": []}
    with h5py.File(os.path.join(d, "edges.h5"), "r") as f:
        for name, g in f["edges"].items():
            src = g["source_node_id"].attrs["node_population"]
            tgt = g["target_node_id"].attrs["node_population"]
            rec, w, want = ("exc", g["0/syn_weight_exc"][:], we_nS) if "syn_weight_exc" in g["0"] else \
                           ("inh", g["0/syn_weight_inh"][:], wi_nS)
            if not np.allclose(w, want):
                sys.exit(f"{d}/edges.h5: projection {name} has weights other than {want} nS")
            if not np.allclose(g["0/delay"][:], 0.1):
                sys.exit(f"{d}/edges.h5: projection {name} has delays other than one step (0.1 ms)")
            pre[rec].append(g["source_node_id"][:].astype(np.int64))  # index within Pe or Pi
            post[rec].append(g["target_node_id"][:].astype(np.int64) + offset[tgt])
            if (rec == "exc") != (src == "E"):
                sys.exit(f"{d}/edges.h5: projection {name} from {src} uses receptor {rec}")
    cat = {k: (np.concatenate(pre[k]), np.concatenate(post[k])) for k in pre}
    return ne, ni, init, cat


def main(argv=None):
    args = parse_args(argv)
    network = None
    if args.network:
        network = load_circuitsim_network(args.network, 6.0, 67.0)
        args.n = network[0] + network[1]
    if args.n < 5:
        sys.exit("--n must be at least 5")
    log = (lambda *a, **k: None) if args.quiet else (lambda *a, **k: print(*a, **k, flush=True))

    t_imp = time.perf_counter()
    import brian2
    from brian2 import (ms, mV, nS, pF, second, NeuronGroup, Synapses, SpikeMonitor,
                        Network, defaultclock, prefs, set_device, device, seed)
    import_s = time.perf_counter() - t_imp

    # Brian2's logging: keep warnings, drop the INFO chatter.
    brian2.BrianLogger.log_level_warn()

    build_dir = None
    tmp_build = False
    warm_build = False
    if args.device == "cpp_standalone":
        if args.build_dir:
            build_dir = os.path.abspath(args.build_dir)
            # A binary left by an earlier build: make only recompiles what changed.
            warm_build = os.path.isfile(os.path.join(build_dir, "main"))
        else:
            build_dir = tempfile.mkdtemp(prefix="coba_brian2_")
            tmp_build = True
        set_device("cpp_standalone", build_on_run=False, directory=build_dir)
        if args.threads > 0:
            prefs.devices.cpp_standalone.openmp_threads = args.threads
    else:
        prefs.codegen.target = args.device

    N = args.n
    NE = int(round(0.8 * N)) if network is None else network[0]
    NI = N - NE
    p = 80.0 / N
    duration = args.duration * second

    # ---------------------------------------------------------------- construction
    t0 = time.perf_counter()
    defaultclock.dt = 0.1 * ms
    seed(args.seed)

    params = dict(
        C=200 * pF, gL=10 * nS, El=-60 * mV, Vr=-60 * mV, Vt=-50 * mV,
        Ee=0 * mV, Ei=-80 * mV, taue=5 * ms, taui=10 * ms,
        we=6 * nS, wi=67 * nS,
    )
    eqs = """
    dv/dt = (gL*(El - v) + ge*(Ee - v) + gi*(Ei - v)) / C : volt (unless refractory)
    dge/dt = -ge / taue : siemens
    dgi/dt = -gi / taui : siemens
    """
    P = NeuronGroup(N, eqs, threshold="v > Vt", reset="v = Vr", refractory=5 * ms,
                    method=args.method, namespace=params, name="coba_neurons")
    if network is not None and not args.network_connectivity_only:
        init = network[2]
        P.v = init["v"] * mV
        P.ge = init["g_exc"] * nS
        P.gi = init["g_inh"] * nS
    else:
        P.v = "El + (5*randn() - 5)*mV"
        P.ge = "(1.5*randn() + 4) * 10*nS"
        P.gi = "(12*randn() + 20) * 10*nS"
    Pe = P[:NE]
    Pi = P[NE:]
    Ce = Synapses(Pe, P, on_pre="ge_post += we", namespace=params, name="coba_exc")
    Ci = Synapses(Pi, P, on_pre="gi_post += wi", namespace=params, name="coba_inh")
    if network is None:
        Ce.connect(p=p)
        Ci.connect(p=p)
    else:
        (ie, je), (ii, ji) = network[3]["exc"], network[3]["inh"]
        Ce.connect(i=ie, j=je)
        Ci.connect(i=ii, j=ji)
    mon = SpikeMonitor(P, name="coba_spikes")
    net = Network(P, Ce, Ci, mon)
    construct_s = time.perf_counter() - t0

    net.run(duration)
    compile_s = None
    binary_wall_s = None
    if args.device == "cpp_standalone":
        device.build(directory=build_dir, compile=True, run=True, with_output=False)
        compile_s = float(device.timers["compile"]["make"] or 0.0) + \
            float(device.timers["compile"]["clean"] or 0.0)
        binary_wall_s = float(device.timers["run_binary"])
    t1 = time.perf_counter()
    wall_with_compilation_s = t1 - t0
    loop_s = float(device._last_run_time)
    completed = float(getattr(device, "_last_run_completed_fraction", 1.0))

    # ---------------------------------------------------------------- results
    i = np.asarray(mon.i[:], dtype=np.int64)
    t = np.asarray(mon.t[:] / second, dtype=np.float64)
    pre_e = np.asarray(Ce.i[:], dtype=np.int64)
    pre_i = np.asarray(Ci.i[:], dtype=np.int64)
    outdeg = np.zeros(N, dtype=np.int64)
    outdeg[:NE] = np.bincount(pre_e, minlength=NE)
    outdeg[NE:] = np.bincount(pre_i, minlength=NI)
    synapses = int(len(pre_e) + len(pre_i))
    spike_count = int(len(i))
    counts = np.bincount(i, minlength=N)
    synaptic_events = int(np.dot(counts, outdeg))
    dur_s = float(args.duration)
    rate = spike_count / (N * dur_s)
    rate_e = float(counts[:NE].sum()) / (NE * dur_s)
    rate_i = float(counts[NE:].sum()) / (NI * dur_s) if NI else float("nan")
    half = dur_s / 2
    rate_first_half = float((t < half).sum()) / (N * half)
    rate_second_half = float((t >= half).sum()) / (N * half)
    cv, cv_n = cv_isi_stats(i, t, N)

    # ---------------------------------------------------------------- rerun (no compilation)
    wall_without_compilation_s = None
    loop_rerun_s = None
    rerun_spike_count = None
    if args.device == "cpp_standalone" and not args.no_rerun:
        tr = time.perf_counter()
        device.run(build_dir, False, [])
        rerun_total = time.perf_counter() - tr
        wall_without_compilation_s = float(device.timers["run_binary"])
        loop_rerun_s = float(device._last_run_time)
        rerun_spike_count = int(len(mon.i[:]))
        if rerun_spike_count != spike_count:
            print(f"WARNING: the rerun of the binary gave {rerun_spike_count} spikes, "
                  f"the first run {spike_count}", file=sys.stderr)
        log(f"rerun of the compiled binary: {wall_without_compilation_s:.3f} s "
            f"({rerun_total:.3f} s incl. Brian2's state check)")

    res = {
        "simulator": "brian2",
        "brian2_version": brian2.__version__,
        "device": args.device,
        "openmp_threads": args.threads if args.device == "cpp_standalone" else None,
        "python": platform.python_version(),
        "host": platform.node(),
        "cpu_count": os.cpu_count(),
        "network": os.path.abspath(args.network) if args.network else None,
        "network_connectivity_only": bool(args.network and args.network_connectivity_only),
        "n": N, "n_exc": NE, "n_inh": NI, "p": p,
        "duration_s": dur_s, "dt_ms": 0.1, "seed": args.seed,
        "completed_fraction": completed,
        "build_dir": None if tmp_build else build_dir,
        "warm_build": warm_build,
        "timing": {
            "import_s": import_s,
            "construct_s": construct_s,
            "compile_s": compile_s,
            "binary_wall_s": binary_wall_s,
            "wall_with_compilation_s": wall_with_compilation_s,
            "process_with_compilation_s": (t1 - _T_SCRIPT_START),
            "wall_without_compilation_s": wall_without_compilation_s,
            "loop_s": loop_s,
            "loop_rerun_s": loop_rerun_s,
            "loop_source": ("device._last_run_time: C++ Network::run loop timer "
                            "(results/last_run_info.txt); std::clock CPU time / threads, "
                            "omp_get_wtime with OpenMP")
            if args.device == "cpp_standalone" else
            ("device._last_run_time: time.time() around Network.run's loop, "
             "after before_run"),
        },
        "rate_hz": rate,
        "rate_e_hz": rate_e,
        "rate_i_hz": rate_i,
        "rate_first_half_hz": rate_first_half,
        "rate_second_half_hz": rate_second_half,
        "cv_isi": cv,
        "cv_isi_neurons": cv_n,
        "spike_count": spike_count,
        "rerun_spike_count": rerun_spike_count,
        "synapses": synapses,
        "synaptic_events": synaptic_events,
        "events_per_loop_second": synaptic_events / loop_s if loop_s > 0 else None,
        "events_per_wall_second_with_compilation": synaptic_events / wall_with_compilation_s,
        "events_per_wall_second_without_compilation":
            (synaptic_events / wall_without_compilation_s) if wall_without_compilation_s else None,
        "realtime_factor_loop": dur_s / loop_s if loop_s > 0 else None,
    }

    if not args.quiet:
        tm = res["timing"]
        log(f"Brian2 {brian2.__version__} COBA  device={args.device}  N={N} "
            f"(E {NE}, I {NI})  p={p:.4f}  T={dur_s:g} s  seed={args.seed}")
        log(f"  synapses              {synapses}")
        log(f"  spikes                {spike_count}")
        log(f"  rate                  {rate:.2f} Hz  (E {rate_e:.2f}, I {rate_i:.2f}; "
            f"1st half {rate_first_half:.2f}, 2nd half {rate_second_half:.2f})")
        log(f"  CV ISI                {cv:.3f}  ({cv_n} neurons with >= 3 spikes)")
        log(f"  synaptic events       {synaptic_events}")
        log(f"  import                {tm['import_s']:.2f} s")
        log(f"  {'build+run (warm)' if warm_build else 'with compilation'}      "
            f"{wall_with_compilation_s:.2f} s"
            + (f"  (make {compile_s:.2f} s, binary {binary_wall_s:.2f} s)"
               if compile_s is not None else ""))
        if wall_without_compilation_s is not None:
            log(f"  without compilation   {wall_without_compilation_s:.2f} s (rerun of the binary)")
        log(f"  loop                  {loop_s:.3f} s"
            + (f"  (rerun {loop_rerun_s:.3f} s)" if loop_rerun_s is not None else ""))
        if res["events_per_loop_second"]:
            log(f"  events / loop second  {res['events_per_loop_second']:.3e}")

    if args.json:
        d = os.path.dirname(os.path.abspath(args.json))
        os.makedirs(d, exist_ok=True)
        with open(args.json, "w") as f:
            json.dump(res, f, indent=2)
    if args.quiet:
        print(json.dumps({k: res[k] for k in ("n", "seed", "rate_hz", "cv_isi", "spike_count")}
                         | {"loop_s": loop_s, "wall_with_compilation_s": wall_with_compilation_s}))

    if tmp_build:
        shutil.rmtree(build_dir, ignore_errors=True)
    return res


if __name__ == "__main__":
    main()
