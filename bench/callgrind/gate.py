#!/usr/bin/env python3
"""The callgrind regression gate: instruction counts (Ir) of the fixed
workloads in workloads.cpp, compared with baseline.json.

    gate.py check  [--tolerance 5]   # fail when a workload rises by more than 5 %
    gate.py update                   # measure and write baseline.json (on purpose)

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


def measure(out):
    os.makedirs(out, exist_ok=True)
    names = subprocess.run([exe(), "--list"], check=True, capture_output=True,
                           text=True).stdout.split()
    results = {}
    for name in names:
        cg = os.path.join(out, f"{name}.callgrind")
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={cg}",
             exe(), name], capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"{name}: workload failed under valgrind:\n{proc.stderr[-2000:]}")
        checksum = proc.stdout.strip().split()[-1]
        with open(cg) as f:
            # "totals" is the instrumented region; "summary" can be 0 with --instr-atstart=no.
            m = re.search(r"^totals: (\d+)", f.read(), re.M)
        if not m:
            sys.exit(f"{name}: no totals in {cg}")
        results[name] = {"instructions": int(m.group(1)), "checksum": checksum}
        print(f"  {name:16} {int(m.group(1)):>15,} Ir   checksum {checksum}")
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["check", "update"])
    ap.add_argument("--tolerance", type=float, default=5.0, help="allowed rise in percent")
    args = ap.parse_args()
    out = os.environ.get("SOPKIT_CALLGRIND_OUT", os.path.join(build_dir(), "out"))
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
        return 0
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
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
