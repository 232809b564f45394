#!/usr/bin/python3
"""Side-by-side run: sopkit's bulk indicator kernels vs numpy, pandas and the
memory-bandwidth limit, on the same 10M cells, in one run.

It runs bench/baselines/indicators_numpy.py (numpy / pandas), the C++
benchmark binary (Google Benchmark, JSON output), and the STREAM-like
bench/baselines/stream_triad.cpp (compiled here), checks that the
checksums agree, and prints ns/cell and the ratios. Optionally it measures the
benchmark's peak memory with /usr/bin/time -v.

  /usr/bin/python3 bench/compare_indicators.py build/rel/bench/bench_indicators
  /usr/bin/python3 bench/compare_indicators.py BIN --short          # 1M cells, for CI
  /usr/bin/python3 bench/compare_indicators.py BIN --memory         # + peak RSS

Bytes per cell (the bandwidth model): read T, R (8 + 8), polarity (1), weight
(8), group (4); write achievement (8) and band (1) = 38 bytes, counted the
STREAM way (no write-allocate traffic). The limit is 38 B / triad bandwidth.
Exit status: 0 when the checksums match, 1 otherwise, 2 when a step fails.
"""
import argparse
import json
import os
import re
import subprocess
import sys

BYTES_PER_CELL = 38
INPUT_BYTES_PER_CELL = 8 + 8 + 1 + 8 + 4


def run(cmd, cwd=None):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}")
    return p.stdout, p.stderr


def baseline(baselines, n, groups, repeats):
    out, _ = run(["/usr/bin/python3", "indicators_numpy.py", "--n", str(n), "--groups", str(groups),
                  "--repeats", str(repeats), "--apply-n", str(min(n, 100_000))], cwd=baselines)
    res = {}
    for line in out.splitlines():
        m = re.match(r"(numpy|pandas) total .*med\s+([\d.]+) ns/cell", line)
        if m:
            res[m.group(1)] = float(m.group(2))
        m = re.match(r"\s*\[numpy\] bands\(0..5\)=\[([\d, ]+)\] sum\(group means\)=([\d.eE+-]+) "
                     r"nan_groups=(\d+)", line)
        if m:
            res["bands"] = [int(x) for x in m.group(1).split(",")]
            res["sum"] = float(m.group(2))
            res["nan_groups"] = int(m.group(3))
    if not {"numpy", "pandas", "bands"} <= res.keys():
        sys.exit("could not read the baseline's output:\n" + out)
    return res, out


def sopkit(binary, n, groups, repetitions):
    out, err = run([binary, f"--n={n}", f"--groups={groups}", "--benchmark_format=json",
                    "--benchmark_min_time=0.05", f"--benchmark_repetitions={repetitions}",
                    "--benchmark_report_aggregates_only=true"])
    m = re.search(r"CHECKSUM (\{.*\})", err)
    if not m:
        sys.exit("no CHECKSUM line from the benchmark:\n" + err)
    check = json.loads(m.group(1))
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
    times = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        name = b["run_name"].replace("/real_time", "")
        times[name] = b["real_time"] * scale[b["time_unit"]] / n
    return check, times


def stream(baselines, short):
    exe = "/tmp/sopkit_bench_stream"
    run(["g++", "-O2", "-fopenmp", "-std=c++17", os.path.join(baselines, "stream_triad.cpp"),
         "-o", exe])
    out, _ = run([exe, str(1 << 24 if short else 1 << 25), "5" if short else "10"])
    res = {}
    for line in out.splitlines():
        m = re.match(r"threads=(\d+) triad .*med=\s*([\d.]+)", line)
        if m:
            res[int(m.group(1))] = float(m.group(2))
    return res


def peak_memory(binary, n, groups):
    _, err = run(["/usr/bin/time", "-v", binary, f"--n={n}", f"--groups={groups}",
                  "--benchmark_filter=BM_Fused/threads:1", "--benchmark_min_time=0.05"])
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    return int(m.group(1)) * 1024 if m else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", help="path of bench_indicators (Release build)")
    ap.add_argument("--short", action="store_true", help="1M cells, 10k groups (CI)")
    ap.add_argument("--baselines", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                        "baselines"))
    ap.add_argument("--memory", action="store_true", help="also measure peak RSS")
    a = ap.parse_args()
    n, groups = (1_000_000, 10_000) if a.short else (10_000_000, 100_000)
    repeats = 3 if a.short else 5

    print(f"== indicators: n={n:,} cells, {groups:,} groups (same splitmix64 data)", flush=True)
    base, _ = baseline(a.baselines, n, groups, repeats)
    check, t = sopkit(a.binary, n, groups, repeats)
    bw = stream(a.baselines, a.short)

    ok = (check["bands"] == base["bands"] and check["nan_groups"] == base["nan_groups"]
          and abs(check["sum_group_means"] - base["sum"]) <= 1e-6 + 1e-12 * abs(base["sum"]))
    print(f"checksum  numpy : bands={base['bands']} sum(means)={base['sum']:.6f} "
          f"nan_groups={base['nan_groups']}")
    print(f"checksum  sopkit: bands={check['bands']} sum(means)={check['sum_group_means']:.6f} "
          f"nan_groups={check['nan_groups']}  -> {'MATCH' if ok else 'MISMATCH'}")

    limit1 = BYTES_PER_CELL / bw[1] if 1 in bw else float("nan")
    limit_all = BYTES_PER_CELL / max(bw.values()) if bw else float("nan")
    print(f"\nmemory bandwidth (STREAM triad, median): 1 thread {bw.get(1, float('nan')):.1f} GB/s"
          + (f", {max(bw)} threads {bw[max(bw)]:.1f} GB/s" if len(bw) > 1 else "")
          + f"  -> limit {limit1:.2f} ns/cell at {BYTES_PER_CELL} B/cell (1 thread)")
    print(f"\n{'what':<52} {'ns/cell':>8} {'vs numpy':>9} {'vs pandas':>10} {'/ bw limit':>11}")
    print(f"{'numpy total (achievement + band + group mean)':<52} {base['numpy']:8.2f}")
    print(f"{'pandas total (where, cut, groupby.sum)':<52} {base['pandas']:8.2f}")
    labels = {
        "BM_Fused/threads:1": "sopkit fused (ach + band + group mean), 1 thread",
        "BM_Fused/threads:2": "sopkit fused, 2 threads",
        "BM_FusedGroupOnly/threads:1": "sopkit group means only, 1 thread",
        "BM_FusedGroupOnly/threads:2": "sopkit group means only, 2 threads",
        "BM_Cells": "sopkit achievement + band only (no roll-up)",
    }
    for key, label in labels.items():
        if key not in t:
            continue
        ns = t[key]
        lim = limit_all if key.endswith(":2") else limit1
        print(f"{label:<52} {ns:8.2f} {base['numpy'] / ns:8.1f}x {base['pandas'] / ns:9.1f}x "
              f"{ns / lim:10.2f}x")
    if a.memory:
        rss = peak_memory(a.binary, n, groups)
        inputs = n * INPUT_BYTES_PER_CELL
        print(f"\npeak RSS of the fused benchmark: {rss / 2**20:.0f} MiB; input arrays "
              f"{inputs / 2**20:.0f} MiB ({INPUT_BYTES_PER_CELL} B/cell) -> {rss / inputs:.2f}x "
              f"(outputs achievement + band are {9 * n / 2**20:.0f} MiB of it)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
