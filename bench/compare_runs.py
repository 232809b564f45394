#!/usr/bin/python3
"""Side-by-side run: sopkit's execution monitoring vs pandas (read_csv +
groupby) on the same event log of 1M step executions, in one run.

The C++ benchmark (bench_runs, Google Benchmark, JSON output) writes the
deterministic event log (the seed SOP's 13 steps per case, see
bench/runs_bench.cpp) and measures import, comparison and compliance; this
script then reads the very same file with pandas and does what an analyst
would: read_csv with the instants parsed, the standard time of each step
joined in, elapsed office time approximated with numpy.busday_count over the
same holidays (whole working days x 450 minutes + the clock difference; no
breaks, no minutes-based standards on the calendar — sopkit does both), late
flags, groupby per step (late count, delay sum: bottlenecks), per actor
(on-time rate), per case (first start, last end) and per quarter (compliance).
pandas thus does less than sopkit; the ratio is a lower bound of the gap.
The checksums that must agree: events, cases and the sum over cases of
(last end - first start) in wall-clock minutes.

  /usr/bin/python3 bench/compare_runs.py build/release/bench/bench_runs
  /usr/bin/python3 bench/compare_runs.py BIN --short          # 100k events, for CI

Exit status: 0 when the checksums match, 1 otherwise, 2 when a step fails.
"""
import argparse
import json
import re
import statistics
import subprocess
import sys
import time

import numpy as np
import pandas as pd

# The waktu of the seed SOP's steps (examples/sop-monev-capaian-kinerja.json):
# (working days, office minutes).
STANDARD = {"1": (0, 15), "2": (2, 0), "3": (7, 0), "4": (2, 0), "5": (7, 0), "6": (0, 180),
            "7": (1, 0), "8": (2, 0), "9": (5, 0), "10": (3, 0), "11": (1, 0), "12": (1, 0),
            "13": (0, 15)}
HOLIDAYS_2024 = ["2024-01-01", "2024-02-08", "2024-02-09", "2024-02-10", "2024-02-14",
                 "2024-03-11", "2024-03-12", "2024-03-29", "2024-03-31", "2024-04-08",
                 "2024-04-09", "2024-04-10", "2024-04-11", "2024-04-12", "2024-04-15",
                 "2024-05-01", "2024-05-09", "2024-05-10", "2024-05-23", "2024-05-24",
                 "2024-06-01", "2024-06-17", "2024-06-18", "2024-07-07", "2024-08-17",
                 "2024-09-16", "2024-11-27", "2024-12-25", "2024-12-26"]


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        sys.exit(2)
    return p.stdout, p.stderr


def sopkit(binary, n, repetitions):
    out, err = run([binary, f"--n={n}", "--benchmark_format=json", "--benchmark_min_time=0.05",
                    f"--benchmark_repetitions={repetitions}",
                    "--benchmark_report_aggregates_only=true"])
    m = re.search(r"CHECKSUM (\{.*\})", err)
    if not m:
        sys.exit("no CHECKSUM line from the benchmark:\n" + err)
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
    times = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            times[b["run_name"]] = b["real_time"] * scale[b["time_unit"]] / n
    return json.loads(m.group(1)), times


def pandas_job(path):
    """read_csv + groupby: the compliance figures as an analyst computes them."""
    t0 = time.perf_counter()
    df = pd.read_csv(path, dtype={"case": "string", "step": "string", "actor": "string",
                                  "branch": "string"})
    df["start"] = pd.to_datetime(df["start"], format="%Y-%m-%dT%H:%M")
    df["end"] = pd.to_datetime(df["end"], format="%Y-%m-%dT%H:%M")
    t1 = time.perf_counter()
    std = pd.DataFrame([(k, d, m) for k, (d, m) in STANDARD.items()],
                       columns=["step", "std_days", "std_minutes"]).astype({"step": "string"})
    df = df.merge(std, on="step", how="left")
    days = np.busday_count(df["start"].values.astype("datetime64[D]"),
                           df["end"].values.astype("datetime64[D]"), holidays=HOLIDAYS_2024)
    clock = ((df["end"] - df["end"].dt.normalize()) - (df["start"] - df["start"].dt.normalize()))
    worked = days * 450 + clock.dt.total_seconds().to_numpy() / 60
    allowed = df["std_days"].to_numpy() * 450 + df["std_minutes"].to_numpy()
    df["delay"] = np.maximum(worked - allowed, 0)
    df["late"] = df["delay"] > 0
    steps = df.groupby("step").agg(late=("late", "sum"), delay=("delay", "sum"))
    steps["share"] = steps["delay"] / steps["delay"].sum()
    actors = df.groupby("actor")["late"].agg(["size", "sum"])
    actors["on_time"] = 100 * (1 - actors["sum"] / actors["size"])
    runs = df.groupby("case", sort=False).agg(start=("start", "min"), end=("end", "max"))
    runs["quarter"] = runs["end"].dt.quarter
    df["quarter"] = df["case"].map(runs["quarter"])
    compliance = 100 * (1 - df.groupby("quarter")["late"].mean())
    t2 = time.perf_counter()
    span = int(((runs["end"] - runs["start"]).dt.total_seconds() // 60).sum())
    return {"events": len(df), "cases": len(runs), "span_minutes": span,
            "late": int(df["late"].sum()), "bottleneck": steps["share"].idxmax(),
            "quarters": len(compliance)}, (t1 - t0, t2 - t0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", help="path of bench_runs (Release build)")
    ap.add_argument("--short", action="store_true", help="100k events (CI)")
    a = ap.parse_args()
    n = 100_000 if a.short else 1_000_000
    repeats = 3 if a.short else 5
    print(f"== runs: n={n:,} step executions of the seed SOP (same CSV file)", flush=True)
    check, t = sopkit(a.binary, n, repeats)
    reads, totals = [], []
    for _ in range(repeats):
        res, (read_s, total_s) = pandas_job(check["csv"])
        reads.append(read_s * 1e9 / n)
        totals.append(total_s * 1e9 / n)
    pd_read, pd_total = statistics.median(reads), statistics.median(totals)
    ok = all(check[k] == res[k] for k in ("events", "cases", "span_minutes"))
    print(f"checksum  pandas: events={res['events']} cases={res['cases']} "
          f"span={res['span_minutes']} late={res['late']} (approximate calendar)")
    print(f"checksum  sopkit: events={check['events']} cases={check['cases']} "
          f"span={check['span_minutes']} late={check['late']}  -> {'MATCH' if ok else 'MISMATCH'}")
    print(f"\n{'what':<58} {'ns/event':>9} {'pandas / sopkit':>16}")
    print(f"{'pandas read_csv + to_datetime':<58} {pd_read:9.1f}")
    print(f"{'pandas total (read_csv + merge + busday_count + groupby)':<58} {pd_total:9.1f}")
    labels = {"runs/import_csv": ("sopkit import (CSV -> RunLog, checked)", pd_read),
              "runs/compare": ("sopkit compare (calendar, conformance, forms)", None),
              "runs/compliance": ("sopkit compliance indicators + evaluate", None),
              "runs/total": ("sopkit total (file -> compliance figures)", pd_total)}
    for key, (label, against) in labels.items():
        if key in t:
            ratio = f"{against / t[key]:16.2f}" if against else ""
            print(f"{label:<58} {t[key]:9.1f} {ratio}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
