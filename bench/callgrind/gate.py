#!/usr/bin/env python3
"""The callgrind regression gate: instruction counts (Ir) of the fixed
workloads in workloads.cpp, compared with baseline.json.

    gate.py check  [--tolerance 5]   # fail when a workload rises by more than 5 %,
                                     # or a growth workload grows more than 4.6x from n to 4n
    gate.py growth [--max-growth 4.6] [NAME...]   # the growth part alone
    gate.py update                   # measure and write baseline.json (on purpose)

The growth workloads (grow_*: every loader and verb on generated input) run at
scale 1 and 4; a linear path's count grows about 4x, a quadratic one about 16x.
They need no baseline: the gate compares the two counts with each other.

Environment: SOPKIT_CALLGRIND_BUILD (the Release build of bench/callgrind,
default build/callgrind), SOPKIT_CALLGRIND_OUT (callgrind files and
results.json, default <build>/out).

Counts depend on the compiler, its flags and the valgrind version, so the
baseline records them and a check against a different build fails as "not
comparable" instead of comparing unlike things."""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BASELINE = os.path.join(HERE, "baseline.json")


def build_dir():
    return os.environ.get("SOPKIT_CALLGRIND_BUILD", "build/callgrind")


def exe():
    return os.path.join(build_dir(), "sopkit_callgrind_workloads")


def build_info():
    info = json.loads(subprocess.run([exe(), "--build-info"], check=True, capture_output=True,
                                     text=True).stdout)
    info["valgrind"] = subprocess.run(["valgrind", "--version"], check=True, capture_output=True,
                                      text=True).stdout.strip()
    # The bulk kernels are target_clones: which clone runs (and so the count)
    # follows the CPU's vector extensions as valgrind presents them.
    with open("/proc/cpuinfo") as f:
        flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    info["cpu_vector"] = "avx512f" if "avx512f" in flags else "avx2" if "avx2" in flags else "baseline"
    return info


def listed(flag):
    return subprocess.run([exe(), flag], check=True, capture_output=True, text=True).stdout.split()


def run_workload(out, args):
    """Instruction count and checksum of one workload run under callgrind."""
    label = "-".join(args)
    cg = os.path.join(out, f"{label}.callgrind")
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={cg}",
         exe(), *args], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{label}: workload failed under valgrind:\n{proc.stderr[-2000:]}")
    checksum = proc.stdout.strip().split()[-1]
    with open(cg) as f:
        # "totals" is the instrumented region; "summary" can be 0 with --instr-atstart=no.
        m = re.search(r"^totals: (\d+)", f.read(), re.M)
    if not m:
        sys.exit(f"{label}: no totals in {cg}")
    return {"instructions": int(m.group(1)), "checksum": checksum}


def measure(out):
    os.makedirs(out, exist_ok=True)
    results = {}
    for name in listed("--list"):
        results[name] = run_workload(out, [name])
        print(f"  {name:16} {results[name]['instructions']:>15,} Ir   "
              f"checksum {results[name]['checksum']}")
    return results


def measure_growth(out, names, max_growth):
    """Counts at scale 1 and 4 of each growth workload; returns (results, failures)."""
    os.makedirs(out, exist_ok=True)
    results, failures = {}, []
    for name in names:
        n, n4 = (run_workload(out, [name, str(scale)])["instructions"] for scale in (1, 4))
        ratio = n4 / n
        results[name] = {"n": n, "4n": n4, "ratio": round(ratio, 3)}
        verdict = "ok" if ratio <= max_growth else f"FAIL: grows {ratio:.2f}x > {max_growth:g}x"
        if ratio > max_growth:
            failures.append(f"{name} ({ratio:.2f}x)")
        print(f"  {name:26} n {n:>14,} Ir  4n {n4:>15,} Ir  {ratio:6.2f}x  {verdict}", flush=True)
    return results, failures


def growth_gate(out, names, max_growth):
    print(f"growth from n to 4n (fails above {max_growth:g}x):")
    results, failures = measure_growth(out, names, max_growth)
    with open(os.path.join(out, "growth.json"), "w") as f:
        json.dump({"max_growth": max_growth, "workloads": results}, f, indent=2)
    if failures:
        print(f"growth gate: {len(failures)} of {len(results)} workloads grow faster than "
              f"linear: {', '.join(failures)}")
    return len(failures)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["check", "growth", "update"])
    ap.add_argument("names", nargs="*", help="growth workloads to run (default: all)")
    ap.add_argument("--tolerance", type=float, default=5.0, help="allowed rise in percent")
    ap.add_argument("--max-growth", type=float, default=4.6,
                    help="largest allowed count(4n)/count(n) of a growth workload")
    args = ap.parse_args()
    out = os.environ.get("SOPKIT_CALLGRIND_OUT", os.path.join(build_dir(), "out"))
    if args.mode == "growth":
        return 1 if growth_gate(out, args.names or listed("--list-growth"), args.max_growth) else 0
    info = build_info()
    print(f"callgrind workloads: {info['compiler']}; {info['flags']}; {info['valgrind']}")
    results = measure(out)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"build": info, "workloads": results}, f, indent=2)

    entries = []
    if os.path.exists(BASELINE):
        with open(BASELINE) as f:
            base = json.load(f)
        # One baseline per build (compiler, flags, valgrind, the CPU's vector
        # width: the kernels take other code paths on AVX2 and AVX-512).
        entries = base.get("baselines") or [{"build": base["build"], "workloads": base["workloads"]}]

    if args.mode == "update":
        entries = [e for e in entries if e["build"] != info] + [{"build": info, "workloads": results}]
        with open(BASELINE, "w") as f:
            json.dump({"about": "Instruction counts (callgrind Ir) of bench/callgrind/workloads.cpp, "
                                "one entry per build; written by scripts/update-callgrind-baseline, "
                                "checked by scripts/ci-reliability against the entry of the same build.",
                       "baselines": entries}, f, indent=2)
            f.write("\n")
        print(f"wrote {BASELINE}")
        return 0

    base = next((e for e in entries if e["build"] == info), None)
    if base is None:
        # A machine no baseline was measured on gates nothing, loudly, rather
        # than failing every run there or comparing counts of other code paths.
        print("not gated: no baseline for this build:\n"
              f"  this run: {info}\n"
              + "".join(f"  baseline: {e['build']}\n" for e in entries)
              + "add one with scripts/update-callgrind-baseline")
        return 1 if growth_gate(out, listed("--list-growth"), args.max_growth) else 0
    bad = 0
    for name, r in results.items():
        b = base["workloads"].get(name)
        if b is None:
            print(f"  {name}: not in the baseline (add it: scripts/update-callgrind-baseline)")
            bad += 1
            continue
        change = 100.0 * (r["instructions"] - b["instructions"]) / b["instructions"]
        verdict = "ok"
        if change > args.tolerance:
            verdict = f"REGRESSION (> +{args.tolerance:g} %)"
            bad += 1
        elif change < -args.tolerance:
            verdict = "faster: lock it in with scripts/update-callgrind-baseline"
        note = "" if r["checksum"] == b["checksum"] else \
            f"  (checksum {b['checksum']} -> {r['checksum']}: the workload's result changed)"
        print(f"  {name:16} {b['instructions']:>15,} -> {r['instructions']:>15,} Ir  "
              f"{change:+6.2f} %  {verdict}{note}")
    bad += growth_gate(out, listed("--list-growth"), args.max_growth)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
