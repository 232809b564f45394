#!/usr/bin/python3
"""Side-by-side: sopkit's bulk calendar arithmetic vs numpy busday_offset and
pandas CustomBusinessHour, in one run on the same splitmix64 inputs.

Runs bench/baselines/calendar_numpy.py and the C++ benchmark
(bench_calendar, --benchmark_format=json) one after the other, checks that
both computed the same due dates (checksums), and prints ns/instant and ratios.

Usage:
  /usr/bin/python3 bench/compare_calendar.py build/rel/bench/bench_calendar [--short]
      [--n 10000000] [--cbh-n 20000] [--baselines bench/baselines]
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys


def run(cmd):
    print("$ " + " ".join(cmd), flush=True)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}")
    return p.stdout


def baseline_figures(text):
    """{label: ns per item} from the baseline's report lines, and its checksum."""
    figures = {}
    for line in text.splitlines():
        m = re.match(r"(.+?)\s+runs=.*\| med\s+([\d.]+) ns/", line)
        if m:
            figures[m.group(1).strip()] = float(m.group(2))
    m = re.search(r"checksum sum\(days since 1970\) = (\d+)", text)
    return figures, int(m.group(1)) if m else None


def pandas_checksum(baselines, n):
    """pandas CustomBusinessHour results (minutes since 1970) summed over the first
    n baseline items with a non-zero offset: 0 * CustomBusinessHour is erratic in
    pandas (it moves 10:40 to the next morning but leaves 06:28), so those items
    are compared by neither side."""
    sys.path.insert(0, str(baselines))
    import pandas as pd
    from calendar_numpy import office_hours
    from inputs import office_hour_starts, synthetic_holidays

    starts, hours = office_hour_starts(n)
    ts = pd.DatetimeIndex(starts)
    cbh = office_hours(synthetic_holidays())
    total, count = 0, 0
    for t0, h in zip(ts, hours):
        if h:
            total += (t0 + int(h) * cbh).value // 60_000_000_000
            count += 1
    return total, count


def main():
    here = pathlib.Path(__file__).resolve()
    ap = argparse.ArgumentParser()
    ap.add_argument("bench", help="path of the bench_calendar executable")
    ap.add_argument("--short", action="store_true", help="small n for CI")
    ap.add_argument("--n", type=int)
    ap.add_argument("--cbh-n", type=int)
    ap.add_argument("--baselines", default=os.environ.get(
        "SOPKIT_BASELINES", str(here.parent / "baselines")))
    ap.add_argument("--min-time", default="0.5", help="--benchmark_min_time (seconds, no suffix)")
    a = ap.parse_args()
    n = a.n or (1_000_000 if a.short else 10_000_000)
    cbh_n = a.cbh_n or (2_000 if a.short else 20_000)
    repeats = "3" if a.short else "5"
    baselines = pathlib.Path(a.baselines)

    base_out = run([sys.executable, str(baselines / "calendar_numpy.py"), "--n", str(n),
                    "--repeats", repeats, "--cbh-n", str(cbh_n), "--cbh-repeats",
                    "1" if a.short else "3", "--scalar-n", str(min(n, 200_000))])
    print(base_out, flush=True)
    figures, numpy_checksum = baseline_figures(base_out)

    cpp = json.loads(run([a.bench, f"--n={n}", f"--cbh_n={cbh_n}", "--benchmark_format=json",
                          f"--benchmark_min_time={a.min_time}"]))
    ours = {b["name"].split("/", 1)[1]: b for b in cpp["benchmarks"]}
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
    # Wall-clock time, as the Python baseline measures (CPU time would flatter C++ on a busy host).
    ns = {k: b["real_time"] * scale[b["time_unit"]] / b["n"] for k, b in ours.items()}

    print(f"\n== calendar, n={n:,} instants (pandas n={cbh_n:,})  "
          f"[{cpp['context'].get('host_name', '')}, {cpp['context'].get('num_cpus', '?')} cpus, "
          f"load average {os.getloadavg()[0]:.1f}; wall-clock medians]")
    rows = [
        ("sopkit bulk add_working_days (minute precision)", ns["bulk_add_working_days"]),
        ("sopkit day-table lower bound (array lookups)", ns["day_table_lower_bound"]),
        ("sopkit scalar add_working_days in a C++ loop", ns["scalar_add_working_days"]),
        ("sopkit bulk add_working_minutes (0-40 h)", ns["bulk_add_working_minutes"]),
    ]
    for label, key in [("numpy busday_offset (days only)", "numpy busday_offset busdaycal"),
                       ("numpy busday_offset scalar calls", "numpy busday_offset scalar calls"),
                       ("pandas CustomBusinessHour loop", "pandas CustomBusinessHour per-item"),
                       ("pandas CBH grouped by offset", "pandas CBH DatetimeIndex+offset")]:
        match = [v for k, v in figures.items() if k.startswith(key)]
        if match:
            rows.append((label, match[0]))
    for label, v in rows:
        print(f"  {label:<52s} {v:12.2f} ns/instant")

    def fig(prefix):
        return next((v for k, v in figures.items() if k.startswith(prefix)), None)

    numpy_days = fig("numpy busday_offset busdaycal")
    cbh_loop = fig("pandas CustomBusinessHour per-item")
    print("\n  ratios (higher = sopkit faster)")
    if numpy_days:
        print(f"  numpy busday_offset / sopkit bulk days        {numpy_days / ns['bulk_add_working_days']:10.1f}x"
              "   (goal >= 5x)")
        print(f"  numpy busday_offset / sopkit bulk minutes     {numpy_days / ns['bulk_add_working_minutes']:10.1f}x")
    if cbh_loop:
        print(f"  pandas CBH loop / sopkit bulk minutes         {cbh_loop / ns['bulk_add_working_minutes']:10.0f}x")
    print(f"  sopkit bulk days / day-table lower bound      "
          f"{ns['bulk_add_working_days'] / ns['day_table_lower_bound']:10.1f}x  (cost over the floor)")

    ok = True
    ours_days = int(round(ours["bulk_add_working_days"]["checksum"]))
    if numpy_checksum is not None:
        same = ours_days == numpy_checksum
        ok &= same
        print(f"\n  days checksum: sopkit {ours_days} numpy {numpy_checksum} -> "
              f"{'same due dates' if same else 'MISMATCH'}")
    pd_sum, pd_count = pandas_checksum(baselines, cbh_n)
    our_sum = int(round(ours["bulk_add_working_minutes"]["cbh_checksum"]))
    our_count = int(round(ours["bulk_add_working_minutes"]["cbh_checked"]))
    same = pd_sum == our_sum and pd_count == our_count
    ok &= same
    print(f"  minutes checksum over {pd_count} items: sopkit {our_sum} pandas {pd_sum} -> "
          f"{'same due instants' if same else 'MISMATCH'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
