#!/usr/bin/python3
"""Side-by-side run: sopkit's record store vs what a pandas user would write,
on the same N realisation entries with an audit trail, in one run.

The work (both sides, same data, see bench/store_bench.cpp):
  insert  N entries (N/100 indicators x 100 quarters), 10k per transaction,
          each with an audit row (who, when, old = blank, new, reason);
  update  every tenth entry (+1.5), one transaction, each with an audit row
          carrying the old value;
  query   the latest value of every entry, and the audit trail of each
          indicator, one indicator at a time.

The pandas side is the fair durable equivalent: the values and the audit
trail live in DataFrames, and every batch is persisted in one sqlite3
transaction to a WAL file with synchronous=FULL (the store's settings) --
`DataFrame.to_sql` appends the audit rows, `executemany` upserts the values
(to_sql cannot upsert), old values come from a merge against the in-memory
frame; queries are `pd.read_sql` and a groupby. A second, in-memory-only
pandas line (no file at all) shows what durability costs.

  /usr/bin/python3 bench/compare_store.py build/release/bench/bench_store
  /usr/bin/python3 bench/compare_store.py BIN --short        # 20k entries, for CI

Exit status: 0 when the checksums (sum of the latest values, audit rows)
match, 1 otherwise, 2 when a step fails.
"""
import argparse
import datetime as dt
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

PERIODS = 100
BATCH = 10_000


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        sys.exit(2)
    return p.stdout, p.stderr


def sopkit(binary, n, repetitions, folder):
    # The entry benchmarks only: the national import ones measure another job.
    out, err = run([binary, f"--n={n}", f"--dir={folder}", "--benchmark_format=json",
                    "--benchmark_filter=^BM_(Insert|Update|Query)/",
                    f"--benchmark_repetitions={repetitions}",
                    "--benchmark_report_aggregates_only=true"])
    m = re.search(r"CHECKSUM (\{.*\})", err)
    if not m:
        sys.exit("no CHECKSUM line from bench_store:\n" + err)
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
    times = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        name = b["run_name"].split("/")[0]
        times[name] = b["real_time"] * scale[b["time_unit"]] / b["entries"]
    return json.loads(m.group(1)), times


def data(n):
    k = np.arange(n)
    i, p = k // PERIODS, k % PERIODS
    periods = np.array([f"{2000 + q // 4}-Q{q % 4 + 1}" for q in range(PERIODS)])
    return pd.DataFrame({"indicator": np.char.add("IKU-", i.astype(str)),
                         "period": periods[p],
                         "value": ((i * 31 + p * 17) % 1000) / 10.0})


def now():
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def audit_frame(batch, old, author, reason):
    """One audit row per entry of `batch`: old value (NaN = blank), new, who, when, why."""
    return pd.DataFrame({"indicator": batch["indicator"].values, "period": batch["period"].values,
                         "old": old.values, "new": batch["value"].values, "author": author,
                         "changed_at": now(), "reason": reason})


def old_values(batch, values):
    return batch[["indicator", "period"]].merge(values, how="left",
                                                on=["indicator", "period"])["value"]


class PandasDurable:
    """DataFrames as the working copy, persisted per batch to SQLite."""

    def __init__(self, path):
        self.con = sqlite3.connect(path, isolation_level=None)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=FULL")
        self.con.execute("CREATE TABLE value (indicator TEXT, period TEXT, value REAL, "
                         "PRIMARY KEY (indicator, period)) WITHOUT ROWID")
        self.con.execute("CREATE TABLE audit (indicator TEXT, period TEXT, old REAL, new REAL, "
                         "author TEXT, changed_at TEXT, reason TEXT)")
        self.con.execute("CREATE INDEX audit_by_indicator ON audit (indicator)")
        self.values = pd.DataFrame(columns=["indicator", "period", "value"])

    def write(self, batch, author, reason):
        audit = audit_frame(batch, old_values(batch, self.values), author, reason)
        changed = audit[~((audit["old"] == audit["new"]))]
        self.con.execute("BEGIN IMMEDIATE")
        self.con.executemany("INSERT OR REPLACE INTO value VALUES (?, ?, ?)",
                             batch.itertuples(index=False, name=None))
        changed.to_sql("audit", self.con, if_exists="append", index=False)
        if self.con.in_transaction:  # to_sql commits the transaction itself
            self.con.execute("COMMIT")
        merged = pd.concat([self.values, batch]).drop_duplicates(["indicator", "period"],
                                                                 keep="last")
        self.values = merged.reset_index(drop=True)

    def query(self):
        latest = pd.read_sql("SELECT indicator, period, value FROM value", self.con)
        rows = 0
        for code in latest["indicator"].unique():
            rows += len(pd.read_sql("SELECT * FROM audit WHERE indicator = ?", self.con,
                                    params=(code,)))
        return latest["value"].sum(), rows


def pandas_durable(n, folder):
    df = data(n)
    path = os.path.join(folder, f"pandas-store-{os.getpid()}.db")
    for s in ("", "-wal", "-shm"):
        if os.path.exists(path + s):
            os.remove(path + s)
    st = PandasDurable(path)
    t0 = time.perf_counter()
    for start in range(0, n, BATCH):
        st.write(df.iloc[start:start + BATCH].reset_index(drop=True), "operator", "entry")
    t1 = time.perf_counter()
    upd = df.iloc[::10].copy()
    upd["value"] = upd["value"] + 1.5
    st.write(upd.reset_index(drop=True), "verifier", "correction")
    t2 = time.perf_counter()
    total, rows = st.query()
    t3 = time.perf_counter()
    st.con.close()
    for s in ("", "-wal", "-shm"):
        if os.path.exists(path + s):
            os.remove(path + s)
    return {"insert": (t1 - t0) * 1e9 / n, "update": (t2 - t1) * 1e9 / len(upd),
            "query": (t3 - t2) * 1e9 / n}, {"sum": total, "audit_rows": rows}


def pandas_memory(n):
    df = data(n)
    values = pd.DataFrame(columns=["indicator", "period", "value"])
    audits = []
    t0 = time.perf_counter()
    for start in range(0, n, BATCH):
        b = df.iloc[start:start + BATCH]
        audits.append(audit_frame(b, old_values(b, values), "operator", "entry"))
        values = pd.concat([values, b]).drop_duplicates(["indicator", "period"], keep="last")
    t1 = time.perf_counter()
    upd = df.iloc[::10].copy()
    upd["value"] += 1.5
    audits.append(audit_frame(upd, old_values(upd, values), "verifier", "correction"))
    values = pd.concat([values, upd]).drop_duplicates(["indicator", "period"], keep="last")
    t2 = time.perf_counter()
    audit = pd.concat(audits, ignore_index=True)
    rows = sum(len(g) for _, g in audit.groupby("indicator"))
    total = values["value"].sum()
    t3 = time.perf_counter()
    return {"insert": (t1 - t0) * 1e9 / n, "update": (t2 - t1) * 1e9 / len(upd),
            "query": (t3 - t2) * 1e9 / n}, {"sum": total, "audit_rows": rows}


def median_of(fn, repeats):
    runs = [fn() for _ in range(repeats)]
    keys = runs[0][0].keys()
    return {k: statistics.median(r[0][k] for r in runs) for k in keys}, runs[-1][1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", help="path of bench_store (Release build)")
    ap.add_argument("--short", action="store_true", help="20k entries (CI)")
    ap.add_argument("--dir", default=tempfile.gettempdir(), help="folder for the database files")
    a = ap.parse_args()
    n = 20_000 if a.short else 100_000
    repeats = 3
    print(f"== store: n={n:,} realisation entries with audit, files in {a.dir}", flush=True)
    check, t = sopkit(a.binary, n, repeats, a.dir)
    pd_t, pd_check = median_of(lambda: pandas_durable(n, a.dir), repeats)
    mem_t, mem_check = median_of(lambda: pandas_memory(n), repeats)
    ok = (abs(check["sum"] - pd_check["sum"]) < 1e-6 * max(1.0, abs(pd_check["sum"]))
          and check["audit_rows"] == pd_check["audit_rows"] == mem_check["audit_rows"])
    print(f"checksum sopkit: sum={check['sum']:.3f} audit_rows={check['audit_rows']}")
    print(f"checksum pandas: sum={pd_check['sum']:.3f} audit_rows={pd_check['audit_rows']}"
          f"  -> {'MATCH' if ok else 'MISMATCH'}")
    print(f"\n{'phase (ns/entry, median of ' + str(repeats) + ')':<34} {'sopkit':>9} "
          f"{'pandas+sqlite':>14} {'ratio':>7} {'pandas mem':>11} {'ratio':>7}")
    names = {"insert": "BM_Insert", "update": "BM_Update", "query": "BM_Query"}
    for phase, bm in names.items():
        s = t[bm]
        print(f"{phase:<34} {s:9.0f} {pd_t[phase]:14.0f} {pd_t[phase] / s:6.2f}x "
              f"{mem_t[phase]:11.0f} {mem_t[phase] / s:6.2f}x")
    print("ratio > 1: sopkit is faster by that factor")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
