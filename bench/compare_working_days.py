#!/usr/bin/python3
"""Side-by-side: working days between two date columns, as an analyst counts
them — sopkit's Calendar.working_days over pandas Series (one bulk C call)
against numpy.busday_count with the calendar's holiday dates, on the same
splitmix64 dates over 2023-2026, in one run; the counts must be equal.

Both start from the analyst's frame (two datetime64 Series) and end with an
int64 column of working days. numpy needs the holiday list (here taken from
Calendar.holidays, the one source the analyst would otherwise type in); the
shipped 2023-2026 data has no special working days, so numpy's Mon-Fri mask
gives the same counts.

Usage (in-tree, after python.build_ext):
  PYTHONPATH=build/release/tests/python/ext:bindings/python \\
      /usr/bin/python3 bench/compare_working_days.py [--n 1000000] [--repeat 5]
"""
import argparse
import statistics
import time

import numpy as np
import pandas as pd

import sopkit

MASK = 0xFFFFFFFFFFFFFFFF


def splitmix64(stream, n):
    i = np.arange(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = ((np.uint64(stream) << np.uint64(40)) + i + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def frame(n):
    first = np.datetime64("2023-01-01", "D")
    span = np.uint64(4 * 365)
    a = first + (splitmix64(50, n) % span).astype("timedelta64[D]")
    b = first + (splitmix64(51, n) % span).astype("timedelta64[D]")
    return pd.DataFrame({"received": pd.Series(a.astype("datetime64[ns]")),
                         "done": pd.Series(b.astype("datetime64[ns]"))})


def timed(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    df = frame(a.n)
    with sopkit.Calendar.indonesia(2023, 2026) as cal:
        def with_sopkit():
            return cal.working_days(df["received"], df["done"])

        def with_numpy():
            closed = [h.date for h in cal.holidays("2023-01-01", "2027-01-01")]
            holidays = np.array(closed, dtype="datetime64[D]")
            return pd.Series(np.busday_count(df["received"].to_numpy().astype("datetime64[D]"),
                                             df["done"].to_numpy().astype("datetime64[D]"),
                                             holidays=holidays), index=df.index)

        rows = []
        for name, fn in (("sopkit Calendar.working_days", with_sopkit),
                         ("numpy busday_count + holidays", with_numpy)):
            seconds, result = timed(fn, a.repeat)
            rows.append((name, seconds, result))
    base = rows[0][2]
    for name, _, result in rows[1:]:
        if not np.array_equal(np.asarray(result), np.asarray(base)):
            raise SystemExit(f"{name} disagrees with sopkit")
    print(f"{a.n} date pairs over 2023-2026, median of {a.repeat}; counts equal "
          f"(sum {int(np.asarray(base).sum())})")
    for name, seconds, _ in rows:
        print(f"  {name:<32} {seconds * 1e3:9.1f} ms  {seconds * 1e9 / a.n:7.1f} ns/pair  "
              f"{seconds / rows[0][1]:5.2f}x")


if __name__ == "__main__":
    main()
